// Shows what the server refused or could not do for a callback (a write without the right role, a body over the size
// limit, a database that cannot be reached, values it cannot use): the server answers such a callback with a 4xx or
// 5xx status and {"message": {"en": ..., "km": ...}}; the message appears at the top of the page, in the page language.
(function () {
  "use strict";
  const originalFetch = window.fetch.bind(window);
  let shownAt = null; // the page (path and query) the notice is about: it goes when the person moves on

  function show(message) {
    const box = document.getElementById("server-notice");
    if (!box) {
      return;
    }
    const lang = document.documentElement.lang === "km" ? "km" : "en";
    box.textContent = message[lang] || message.en || "";
    box.hidden = false;
    shownAt = window.location.pathname + window.location.search;
  }

  function hideWhenMovedOn() {
    const box = document.getElementById("server-notice");
    if (box && !box.hidden && shownAt !== window.location.pathname + window.location.search) {
      box.hidden = true;
    }
  }

  window.fetch = async function (resource, options) {
    const response = await originalFetch(resource, options);
    const url = typeof resource === "string" ? resource : (resource && resource.url) || "";
    if (!url.includes("_dash-update-component")) {
      return response;
    }
    if (response.ok) {
      hideWhenMovedOn();
      return response;
    }
    try {
      const body = await response.clone().json();
      if (body && typeof body.message === "object") {
        show(body.message);
      }
    } catch (error) {
      // not one of our failure answers: nothing to show
    }
    return response;
  };
})();
