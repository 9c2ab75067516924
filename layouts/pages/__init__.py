"""Pages, one module per page of the dashboard, each registered with Dash (`dash.register_page`): layout only. A page
draws components from its view (`layouts.views`) and figures (`layouts.figures`); it never imports another page or a
callback, and holds no rule of its own (tests/layouts/test_rooms.py holds the direction)."""
