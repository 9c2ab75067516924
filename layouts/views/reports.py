"""Reports (analysts and ministers): the countries and editions a report can be made for, the notes on what a report
cannot show (a partial field, no targets) before anyone shares it, the command that makes the same report, and the
report itself: the Excel workbook, the PDF brief, the main table (CSV) or the trend chart (PNG).

The reports are built by the core (`indicators.report`); chart images come from the renderer the caller passes
(`layouts.render.report_charts` in the app: views draw nothing).
"""

from __future__ import annotations

from dataclasses import dataclass

from indicators.outlook.forecast import ForecastError
from indicators.report import ChartRenderer, ReportContent, ReportError, brief_with_charts, build_workbook, gather, notes, table_csv
from indicators.report import tables as report_tables
from indicators.report.strings import integer, text
from layouts.i18n import t
from layouts.views import outlook_ready
from layouts.views.choices import chosen_edition, country_options
from layouts.views.labels import country_name
from layouts.views.snapshot import request_snapshot, store
from layouts.views.version_cache import newest_version_cache

FORMATS = ("xlsx", "pdf", "csv", "png", "svg")
FILE_KINDS = {"xlsx": "report", "pdf": "brief", "csv": "by-edition", "png": "trend", "svg": "trend"}
DEFAULT_ENTITY = "KHM"


@dataclass(frozen=True)
class Choice:
    """The countries with stored results, the editions of the chosen one (latest first), and what is chosen."""

    countries: list[dict[str, str]]
    entity: str | None
    editions: list[dict[str, object]]
    edition: int | None


def entity_options(lang: str) -> list[dict[str, str]]:
    """The countries with stored published results, by name in `lang`."""
    return country_options(request_snapshot().published["iso3"].unique(), lang)


def editions_of(entity: str | None) -> list[int]:
    """The editions with results for `entity`, oldest first."""
    return [int(e) for e in request_snapshot().history(entity)["edition"]] if entity else []


def edition_options(entity: str | None, lang: str) -> tuple[list[dict[str, object]], int | None]:
    """The editions with results for `entity` (latest first) and the latest one."""
    editions = editions_of(entity)
    options: list[dict[str, object]] = [{"label": integer(e, lang), "value": e} for e in reversed(editions)]
    return options, editions[-1] if editions else None


def choice(entity: str, edition: object, lang: str) -> Choice:
    """The country asked for when it has results (else Cambodia, else the first), and the edition asked for when it
    has results for it (else its latest)."""
    countries = entity_options(lang)
    known = [option["value"] for option in countries]
    chosen = entity if entity in known else (DEFAULT_ENTITY if DEFAULT_ENTITY in known else (known[0] if known else None))
    editions, _ = edition_options(chosen, lang)
    return Choice(countries, chosen, editions, chosen_edition(edition, editions_of(chosen)))


def no_data(lang: str) -> str:
    return t("reports_no_data", lang, country=country_name(DEFAULT_ENTITY, lang))


def cli_command(entity: str | None, edition: int | None, report_lang: str, fmt: str) -> str:
    """The command line that makes the same report."""
    parts = ["python -m indicators report", f"--entity {entity or 'KHM'}", f"--format {fmt}", f"--lang {report_lang}"]
    if edition:
        parts.append(f"--edition {edition}")
    parts.append(f"--output egdi-{(entity or 'KHM').lower()}.{fmt}")
    return " ".join(parts)


@newest_version_cache(maxsize=32)
def gathered(version: int, entity: str, edition: int | None) -> ReportContent | ReportError:
    """What a report on `entity` and `edition` holds, gathered once per store version (the notes and the download
    ask for it on every change of the page), with the Outlook every page shows (waited for: a report holds its
    section, and its nowcast decides the milestones of the next Survey as on the Targets page); the ReportError when
    there is nothing to report."""
    try:
        outlook = outlook_ready.base(wait=True)
    except ForecastError:  # no nowcast can be made from this store: the report goes without its Outlook
        outlook = None
    try:
        return gather(store(), entity, edition, table=request_snapshot().published, with_outlook=outlook is not None, outlook=outlook)
    except ReportError as exc:
        return exc


def report_notes(entity: str | None, edition: int | None, lang: str) -> list[tuple[str, str]]:
    """What the report on `entity` and `edition` cannot show, as (kind, text) in `lang`; a clear message when it has no
    data, and that all is clear when nothing is missing."""
    if not entity:
        return []
    content = gathered(request_snapshot().version, entity, edition)
    if isinstance(content, ReportError):
        return [("warning", content.message(lang))]
    found = notes(content, lang)
    if content.targets is None:
        found.append(text("no_targets", lang, country=content.name(lang)))
    if not found:
        return [("info", t("reports_all_clear", lang))]
    return [("warning", note) for note in found]


def build_download(entity: str, edition: int | None, report_lang: str, fmt: str, charts: ChartRenderer) -> tuple[bytes, str]:
    """The report's bytes and file name (charts drawn by `charts`). Raises ReportError (no such data) or
    ChartRenderError (no charts)."""
    content = gathered(request_snapshot().version, entity, edition)
    if isinstance(content, ReportError):
        raise content
    if fmt == "xlsx":
        data = build_workbook(content, report_lang)
    elif fmt == "csv":
        data = table_csv(report_tables.history(content, report_lang))
    elif fmt in ("png", "svg"):
        data = charts(content, report_lang, fmt)["trend"]
    else:
        fmt = "pdf"
        data = brief_with_charts(content, report_lang, charts)
    name = f"egdi-{FILE_KINDS[fmt]}-{content.entity}-{content.edition}-{report_lang}.{fmt}"
    return data, name


def clear_caches() -> None:
    """Forget the reports gathered from earlier store versions (tests that switch databases)."""
    gathered.cache_clear()
