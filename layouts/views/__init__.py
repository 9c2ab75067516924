"""What each page shows, as plain data (dicts, dataclasses, DataFrames, strings): one module per page, built from the
core (`indicators`) and the cached snapshot of the store (`snapshot`), plus the few pieces the pages share (the words
and numbers of `labels`, the choices of `choices`). Views never import dash or plotly, nor a page or a callback, so
every rule a page follows is tested without Dash; pages draw components from a view, callbacks wire inputs to it."""
