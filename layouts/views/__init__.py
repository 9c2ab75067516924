"""What each page shows, as plain data (dicts, dataclasses, DataFrames, strings): one module per page, built from the
core (`indicators`) and the cached snapshot of the store (`snapshot`), with the pieces several pages share (the words
and numbers of `labels`, the choices of `choices`), and what a page's actions write through the core (a target edit, a
scenario, an import, a rollback), said as plain outcomes. Views never import dash or plotly, nor a page, a callback or
a figure, so every rule a page follows is tested without Dash; pages draw components from a view, callbacks wire
inputs to it (tests/layouts/test_rooms.py holds the direction)."""
