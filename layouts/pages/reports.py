"""Reports (analysts and ministers): choose a country, an edition, a language and a format, then download the Excel
workbook, the PDF brief, the main table (CSV) or the trend chart (PNG). The notes say what a report cannot show
(a partial field, no targets) before anyone shares it (`layouts.views.reports`); charts are drawn by `layouts.render`.
"""

from __future__ import annotations

import threading
from functools import cache

import dash
from dash import dcc, html

from indicators.report.brief import prepare_printing
from layouts import ids, render
from layouts.components import notice
from layouts.components.report_download import report_download
from layouts.i18n import t
from layouts.state import language
from layouts.views import reports as view

dash.register_page(__name__, path="/reports", name="Reports", order=7)


def report_notes(entity: str | None, edition: int | None, lang: str) -> list[html.Div]:
    """What the report on `entity` and `edition` cannot show, as notices in `lang`."""
    return [notice(text, kind) for kind, text in view.report_notes(entity, edition, lang)]


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
    chosen = view.choice(entity, edition, lang)
    body: list[object] = [] if chosen.countries else [notice(view.no_data(lang), "warning")]
    languages = [{"label": t(f"reports_language_{code}", lang), "value": code} for code in ("en", "km")]
    formats = [{"label": t(f"reports_format_{fmt}", lang), "value": fmt} for fmt in view.FORMATS]
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
                                    dcc.Dropdown(id=ids.REPORTS_ENTITY, options=chosen.countries, value=chosen.entity, clearable=False),
                                ],
                                className="control",
                            ),
                            html.Label(
                                [
                                    t("reports_edition_label", lang),
                                    dcc.Dropdown(id=ids.REPORTS_EDITION, options=chosen.editions, value=chosen.edition, clearable=False),
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
                    *report_download(
                        ids.REPORTS_BUTTON,
                        t("reports_download", lang),
                        ids.REPORTS_PROGRESS,
                        t("reports_building", lang),
                        ids.REPORTS_STATUS,
                        ids.REPORTS_DOWNLOAD,
                    ),
                ],
                className="panel",
            ),
            html.Section(
                [
                    html.H2(t("reports_notes_title", lang)),
                    dcc.Loading(html.Div(report_notes(chosen.entity, chosen.edition, lang), id=ids.REPORTS_NOTES), type="dot"),
                ],
                className="panel",
            ),
            html.Section(
                [
                    html.H2(t("reports_cli_title", lang)),
                    html.P(t("reports_cli_hint", lang), className="muted"),
                    html.Pre(
                        html.Code(view.cli_command(chosen.entity, chosen.edition, lang, "pdf"), id=ids.REPORTS_CLI),
                        className="reports-cli",
                        tabIndex="0",  # it scrolls sideways on a phone: reachable with the keyboard
                        **{"aria-label": t("reports_cli_title", lang)},
                    ),
                ],
                className="panel",
            ),
        ],
        className="reports-page",
    )
