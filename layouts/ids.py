"""Every component id of the dashboard, in one place (grouped by page)."""

# shell
URL = "url"
NAV = "nav"
LANG_LINK = "lang-link"
HTML_LANG = "html-lang"
SKIP_LINK = "skip-link"

# overview
OVERVIEW_CARDS = "overview-cards"
OVERVIEW_TREND = "overview-trend"
OVERVIEW_SUMMARY = "overview-summary"
OVERVIEW_ENTITY = "overview-entity"
OVERVIEW_EDITION = "overview-edition"
OVERVIEW_TARGETS = "overview-targets"
