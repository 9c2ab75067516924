"""Reports (analysts and ministers): choose a country, an edition, a language and a format, then download the Excel
workbook, the PDF brief, the main table (CSV) or the trend chart (PNG). The notes say what a report cannot show
(a partial field, no targets) before anyone shares it.

The reports themselves are built by the core (`indicators.report`); charts are drawn by `layouts.render`.
"""

from __future__ import annotations

import threading
from functools import cache

import dash
from dash import dcc, html

from indicators.entities import load_countries
from indicators.report import ReportError, gather, notes
from indicators.report.brief import prepare_printing
from indicators.report.strings import integer, text
from layouts import ids, render
from layouts.components import notice
from layouts.i18n import t
from layouts.state import language
from layouts.views.snapshot import snapshot, store

dash.register_page(__name__, path="/reports", name="Reports", order=7)

FORMATS = ("xlsx", "pdf", "csv", "png")


def entity_options(lang: str) -> list[dict[str, str]]:
    """The countries with stored published results, by name in `lang`."""
    countries = load_countries()
    codes = snapshot().published["iso3"].unique()
    return [{"label": countries.name(code, lang), "value": code} for code in sorted(codes, key=lambda c: countries.name(c, lang))]


def edition_options(entity: str | None, lang: str) -> tuple[list[dict[str, object]], int | None]:
    """The editions with results for `entity` (latest first) and the latest one."""
    editions = [int(e) for e in snapshot().history(entity)["edition"]] if entity else []
    options: list[dict[str, object]] = [{"label": integer(e, lang), "value": e} for e in reversed(editions)]
    return options, editions[-1] if editions else None


def cli_command(entity: str | None, edition: int | None, report_lang: str, fmt: str) -> str:
    parts = ["python -m indicators report", f"--entity {entity or 'KHM'}", f"--format {fmt}", f"--lang {report_lang}"]
    if edition:
        parts.append(f"--edition {edition}")
    parts.append(f"--output egdi-{(entity or 'KHM').lower()}.{fmt}")
    return " ".join(parts)


def report_notes(entity: str | None, edition: int | None, lang: str) -> list[html.Div]:
    """What the report on `entity` and `edition` cannot show, as notices in `lang`; a clear message when it has no data."""
    if not entity:
        return []
    try:
        content = gather(store(), entity, edition, table=snapshot().published)
    except ReportError as exc:
        return [notice(exc.message(lang), "warning")]
    found = notes(content, lang)
    if content.targets is None:
        found.append(text("no_targets", lang, country=content.name(lang)))
    if not found:
        return [notice(t("reports_all_clear", lang))]
    return [notice(note, "warning") for note in found]


@cache
def warm_up() -> None:
    """Start the chart browser and load the PDF printer in the background, so the first brief does not wait for them
    (once per process: later page loads find them ready)."""
    render.warm_up()
    threading.Thread(target=prepare_printing, name="reports-printer-warm-up", daemon=True).start()


def _radios(component_id: str, options: list[dict[str, str]], value: str, legend: str) -> html.Fieldset:
    return html.Fieldset(
        [html.Legend(legend), dcc.RadioItems(options, value, id=component_id, className="reports-radios", labelClassName="reports-radio")],
        className="reports-fieldset",
    )


def layout(lang: str = "en", entity: str = "KHM", edition: str | None = None, **_: str) -> html.Div:
    lang = language(lang)
    warm_up()
    entities = entity_options(lang)
    known = {option["value"] for option in entities}
    chosen_entity = entity if entity in known else ("KHM" if "KHM" in known else (entities[0]["value"] if entities else None))
    editions, latest = edition_options(chosen_entity, lang)
    wanted = int(edition) if edition and edition.isdigit() else None
    chosen_edition = wanted if wanted in {o["value"] for o in editions} else latest
    if not entities:
        body: list[object] = [notice(t("reports_no_data", lang, country=load_countries().name("KHM", lang)), "warning")]
    else:
        body = []
    languages = [{"label": t(f"reports_language_{code}", lang), "value": code} for code in ("en", "km")]
    formats = [{"label": t(f"reports_format_{fmt}", lang), "value": fmt} for fmt in FORMATS]
    return html.Div(
        [
            dcc.Store(id=ids.REPORTS_LANG, data=lang),
            html.H1(t("reports_title", lang)),
            html.P(t("reports_subtitle", lang), className="subtitle"),
            *body,
            html.Section(
                [
                    html.H2(t("reports_choose_title", lang)),
                    html.Div(
                        [
                            html.Label(
                                [
                                    t("reports_country_label", lang),
                                    dcc.Dropdown(id=ids.REPORTS_ENTITY, options=entities, value=chosen_entity, clearable=False),
                                ],
                                className="control",
                            ),
                            html.Label(
                                [
                                    t("reports_edition_label", lang),
                                    dcc.Dropdown(id=ids.REPORTS_EDITION, options=editions, value=chosen_edition, clearable=False),
                                ],
                                className="control",
                            ),
                        ],
                        className="reports-controls",
                    ),
                    html.Div(
                        [
                            _radios(ids.REPORTS_REPORT_LANG, languages, lang, t("reports_language_label", lang)),
                            _radios(ids.REPORTS_FORMAT, formats, "pdf", t("reports_format_label", lang)),
                        ],
                        className="reports-choices",
                    ),
                    html.Div(
                        [
                            html.Button(t("reports_download", lang), id=ids.REPORTS_BUTTON, className="reports-button"),
                            html.Div(
                                [html.Span(className="reports-spinner", **{"aria-hidden": "true"}), t("reports_building", lang)],
                                id=ids.REPORTS_PROGRESS,
                                className="reports-progress",
                                role="status",
                                hidden=True,
                            ),
                        ],
                        className="reports-actions",
                    ),
                    html.Div(id=ids.REPORTS_STATUS, className="reports-status", **{"aria-live": "polite"}),
                    dcc.Download(id=ids.REPORTS_DOWNLOAD),
                ],
                className="panel",
            ),
            html.Section(
                [
                    html.H2(t("reports_notes_title", lang)),
                    dcc.Loading(html.Div(report_notes(chosen_entity, chosen_edition, lang), id=ids.REPORTS_NOTES), type="dot"),
                ],
                className="panel",
            ),
            html.Section(
                [
                    html.H2(t("reports_cli_title", lang)),
                    html.P(t("reports_cli_hint", lang), className="muted"),
                    html.Pre(
                        html.Code(cli_command(chosen_entity, chosen_edition, lang, "pdf"), id=ids.REPORTS_CLI), className="reports-cli"
                    ),
                ],
                className="panel",
            ),
        ],
        className="reports-page",
    )
