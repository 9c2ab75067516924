"""Every component id of the dashboard, in one place."""

LANGUAGE = "language"
PAGE = "page"
TREND = "egdi-trend"
TABLE = "egdi-table"
