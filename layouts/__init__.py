"""The Dash side, thin over the `indicators` core: `views` (what each page shows, as plain data), `pages` (layout
only), `callbacks` (wiring only), `figures` (plain data in, Plotly figures out), shared `components`, `i18n`, `ids`."""
