"""The Dash side: thin page layouts, figure builders and UI strings. Pages call the `indicators` core."""
