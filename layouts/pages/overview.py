"""Overview (ministers): the latest EGDI, ranks, group and class, sub-index cards with sparklines, and one
plain-language sentence on what moved most. One laptop screen."""

from __future__ import annotations

from functools import lru_cache

import dash
import pandas as pd
from dash import dcc, html

from indicators.entities import load_countries
from indicators.method.methodology import methodology_for_classification
from layouts import ids
from layouts.components import card, data_table, notice
from layouts.figures import sparkline, trend_figure
from layouts.i18n import fmt_int, fmt_number, t
from layouts.pages.targets import overview_targets_panel
from layouts.state import language
from layouts.views.snapshot import snapshot

dash.register_page(__name__, path="/", name="Overview", order=0)

SUBINDEX_CARDS = ("osi", "tii", "hci", "epi")


def layout(lang: str = "en", entity: str = "KHM", edition: str | None = None, **_: str) -> html.Div:
    lang = language(lang)
    data = snapshot()
    countries = load_countries()
    options = sorted(data.published["iso3"].unique(), key=lambda code: countries.name(code, lang))
    editions = data.history(entity)["edition"].tolist() or data.editions
    chosen = int(edition) if edition and edition.isdigit() and int(edition) in editions else (editions[-1] if editions else None)
    return html.Div(
        [
            html.Div(
                [
                    html.Label(
                        [
                            t("overview_country_label", lang),
                            dcc.Dropdown(
                                id=ids.OVERVIEW_ENTITY,
                                options=[{"label": countries.name(c, lang), "value": c} for c in options],
                                value=entity,
                                clearable=False,
                            ),
                        ],
                        className="control",
                    ),
                    html.Label(
                        [
                            t("overview_edition_label", lang),
                            dcc.Dropdown(
                                id=ids.OVERVIEW_EDITION,
                                options=[{"label": str(e), "value": e} for e in editions],
                                value=chosen,
                                clearable=False,
                            ),
                        ],
                        className="control",
                    ),
                ],
                className="controls",
            ),
            dcc.Store(id=ids.OVERVIEW_STATE, data={"lang": lang, "entity": entity, "edition": chosen}),
            html.Div(overview_content(entity, chosen, lang), id=ids.OVERVIEW_CARDS),
        ]
    )


def _change_text(current: float, previous: float | None, previous_edition: int | None, lang: str) -> str:
    if previous is None or pd.isna(previous):
        return t("overview_first_edition", lang)
    return t("overview_change", lang, change=fmt_number(current - previous, lang, signed=True), previous=fmt_int(previous_edition, lang))


def _rank_text(current: object, previous: object, previous_edition: int | None, lang: str) -> str:
    if previous_edition is None or pd.isna(previous) or pd.isna(current):
        return t("overview_first_edition", lang)
    places = int(previous) - int(current)  # type: ignore[call-overload]
    key = "overview_rank_change_up" if places > 0 else "overview_rank_change_down" if places < 0 else "overview_rank_change_none"
    return t(key, lang, places=fmt_int(abs(places), lang), previous=fmt_int(previous_edition, lang))


def summary_sentence(history: pd.DataFrame, edition: int, country: str, lang: str) -> str:
    """What moved most since the previous edition, and the distance to the next EGDI group."""
    now = history[history["edition"] == edition].iloc[0]
    before = history[history["edition"] < edition]
    parts = []
    if before.empty:
        parts.append(t("overview_only_edition", lang, edition=fmt_int(edition, lang), country=country))
    else:
        prev = before.iloc[-1]
        changes = {code: now[code] - prev[code] for code in ("osi", "tii", "hci")}
        moved = max(changes, key=lambda code: abs(changes[code]))
        egdi_change = now["egdi"] - prev["egdi"]
        direction = t("overview_rose" if egdi_change >= 0 else "overview_fell", lang)
        parts.append(
            t(
                "overview_moved_most",
                lang,
                previous=fmt_int(prev["edition"], lang),
                index=t(moved, lang),
                change=fmt_number(changes[moved], lang, signed=True),
                direction=direction,
                egdi_change=fmt_number(abs(egdi_change), lang),
                egdi=fmt_number(now["egdi"], lang),
            )
        )
    levels = methodology_for_classification(edition).groups
    position = next(i for i, level in enumerate(levels) if level.above is None or now["egdi"] > level.above)
    if position == 0:
        parts.append(t("overview_top_group", lang))
    else:
        threshold = float(levels[position - 1].above or 0.0)
        parts.append(
            t(
                "overview_next_group",
                lang,
                gap=fmt_number(threshold - now["egdi"], lang),
                group=t(f"group_{levels[position - 1].label}", lang),
                threshold=fmt_number(threshold, lang, 2),
            )
        )
    return " ".join(parts)


def overview_content(entity: str, edition: int | None, lang: str) -> list[object]:
    """The page below its controls, cached per store version (it depends on nothing else)."""
    return _content(snapshot().version, entity, edition, lang)


@lru_cache(maxsize=64)
def _content(version: int, entity: str, edition: int | None, lang: str) -> list[object]:
    data = snapshot()
    countries = load_countries()
    name = countries.name(entity, lang)
    history = data.history(entity)
    if history.empty or edition is None or edition not in history["edition"].tolist():
        return [notice(t("overview_no_country_data", lang, country=name), "warning")]
    now = history[history["edition"] == edition].iloc[0]
    before = history[history["edition"] < edition]
    prev = before.iloc[-1] if not before.empty else None
    prev_edition = int(prev["edition"]) if prev is not None else None
    class_text = now["rating_class"] if isinstance(now["rating_class"], str) else t("overview_class_unknown", lang)

    def previous(code: str) -> object:
        return prev[code] if prev is not None else None

    headline = [
        card(t("egdi_long", lang), fmt_number(now["egdi"], lang), _change_text(now["egdi"], previous("egdi"), prev_edition, lang)),
        card(
            t("overview_world_rank", lang),
            fmt_int(now["world_rank"], lang),
            _rank_text(now["world_rank"], previous("world_rank"), prev_edition, lang),
        ),
        card(
            t("overview_asean_rank", lang),
            fmt_int(now["asean_rank"], lang),
            t("overview_of", lang, count=fmt_int(11, lang)) if not pd.isna(now["asean_rank"]) else None,
        ),
        card(t("overview_group", lang), t(f"group_{now['group']}", lang), class_text),
    ]
    subindex_cards = [
        card(
            t(code, lang),
            fmt_number(now[code], lang),
            _change_text(now[code], previous(code), prev_edition, lang),
            dcc.Graph(figure=sparkline(history, code), config={"displayModeBar": False, "staticPlot": True}, className="sparkline"),
        )
        for code in SUBINDEX_CARDS
    ]
    table = history[["edition", "egdi", "osi", "tii", "hci", "epi", "world_rank"]].copy()
    for code in ("egdi", "osi", "tii", "hci", "epi"):
        table[code] = table[code].map(lambda v: fmt_number(v, lang))
    table["edition"] = table["edition"].map(lambda v: fmt_int(v, lang))
    table["world_rank"] = table["world_rank"].map(lambda v: fmt_int(v, lang))
    headers = [t(key, lang) for key in ("edition", "egdi", "osi_short", "tii_short", "hci_short", "epi_short", "overview_world_rank")]
    return [
        html.H1(t("overview_title", lang)),
        html.P(t("overview_subtitle", lang, country=name, edition=fmt_int(edition, lang)), className="subtitle"),
        html.Div(headline, className="cards"),
        html.P(summary_sentence(history, edition, name, lang), id=ids.OVERVIEW_SUMMARY, className="summary"),
        html.Div(subindex_cards, className="cards"),
        html.Div(
            [html.H2(t("overview_targets", lang)), *overview_targets_panel(entity, lang)],
            id=ids.OVERVIEW_TARGETS,
            className="panel",
        ),
        html.Div(
            [
                html.H2(t("overview_trend_title", lang)),
                dcc.Graph(id=ids.OVERVIEW_TREND, figure=trend_figure(history, lang), config={"displaylogo": False}),
                data_table(table, headers, lang),
            ],
            className="panel",
        ),
        html.P(t("source_undesa", lang), className="source"),
    ]
