"""The server around the Dash app: settings, the session secret, who is signed in (accounts, sessions, trusted
single sign-on), the guard on every write callback, HTTP hardening (headers, hosts, origins, size limit), failure
pages, and the background job runner. `install(dash_app)` puts it all in place."""
