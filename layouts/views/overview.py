"""Overview (ministers): a country's EGDI, ranks, group and class in one edition, its sub-indices with the change since
the previous edition, one plain-language sentence on what moved most, and its results in every edition."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from indicators.method.methodology import methodology_for_classification
from layouts.i18n import fmt_int, fmt_number, t
from layouts.views.choices import chosen_edition, country_options
from layouts.views.labels import country_name, country_names
from layouts.views.snapshot import request_snapshot

SUBINDEX_CARDS = ("osi", "tii", "hci", "epi")
TABLE_COLUMNS = ("edition", "egdi", "osi", "tii", "hci", "epi", "world_rank")
ASEAN_MEMBERS = 11


@dataclass(frozen=True)
class Card:
    """A headline figure: its label, its value and a line under it (the change since the previous edition, ...)."""

    label: str
    value: str
    detail: str | None = None


@dataclass(frozen=True)
class Controls:
    countries: list[dict[str, str]]
    editions: list[int]
    edition: int | None


@dataclass(frozen=True)
class Overview:
    """The page below its controls; `missing` (the notice) when the country has no results in the edition
    (`data_link`: none are stored at all, import them on the Data page)."""

    missing: str | None
    subtitle: str = ""
    headline: tuple[Card, ...] = ()
    summary: str = ""
    subindices: tuple[tuple[str, Card], ...] = ()  # (code, card)
    history: pd.DataFrame | None = None  # the country's results, one row per edition
    table: pd.DataFrame | None = None  # TABLE_COLUMNS of the history, as displayed
    data_link: bool = False


def controls(entity: str, edition: object, lang: str) -> Controls:
    """The countries with results; the editions of `entity` (every edition when it has none) and the one shown."""
    data = request_snapshot()
    editions = data.history(entity)["edition"].tolist() or data.editions
    return Controls(country_options(data.published["iso3"].unique(), lang), editions, chosen_edition(edition, editions))


def change_text(current: float, previous: float | None, previous_edition: int | None, lang: str) -> str:
    if previous is None or pd.isna(previous):
        return t("overview_first_edition", lang)
    return t("overview_change", lang, change=fmt_number(current - previous, lang, signed=True), previous=fmt_int(previous_edition, lang))


def rank_text(current: object, previous: object, previous_edition: int | None, lang: str) -> str:
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


def overview(entity: str, edition: int | None, lang: str) -> Overview:
    """What the page shows of `entity` in `edition`."""
    data = request_snapshot()
    if data.published.empty:
        return Overview(t("overview_no_results", lang), data_link=True)
    if entity not in country_names(lang):
        return Overview(t("overview_unknown_country", lang, code=entity))
    name = country_name(entity, lang)
    history = data.history(entity)
    if history.empty or edition is None or edition not in history["edition"].tolist():
        return Overview(t("overview_no_country_data", lang, country=name))
    now = history[history["edition"] == edition].iloc[0]
    before = history[history["edition"] < edition]
    prev = before.iloc[-1] if not before.empty else None
    prev_edition = int(prev["edition"]) if prev is not None else None
    class_text = now["rating_class"] if isinstance(now["rating_class"], str) else t("overview_class_unknown", lang)

    def previous(code: str) -> object:
        return prev[code] if prev is not None else None

    headline = (
        Card(t("egdi_long", lang), fmt_number(now["egdi"], lang), change_text(now["egdi"], previous("egdi"), prev_edition, lang)),
        Card(
            t("overview_world_rank", lang),
            fmt_int(now["world_rank"], lang),
            rank_text(now["world_rank"], previous("world_rank"), prev_edition, lang),
        ),
        Card(
            t("overview_asean_rank", lang),
            fmt_int(now["asean_rank"], lang),
            t("overview_of", lang, count=fmt_int(ASEAN_MEMBERS, lang)) if not pd.isna(now["asean_rank"]) else None,
        ),
        Card(t("overview_group", lang), t(f"group_{now['group']}", lang), class_text),
    )
    subindices = tuple(
        (code, Card(t(code, lang), fmt_number(now[code], lang), change_text(now[code], previous(code), prev_edition, lang)))
        for code in SUBINDEX_CARDS
    )
    table = history[list(TABLE_COLUMNS)].copy()
    for code in ("egdi", "osi", "tii", "hci", "epi"):
        table[code] = table[code].map(lambda v: fmt_number(v, lang))
    table["edition"] = table["edition"].map(lambda v: fmt_int(v, lang))
    table["world_rank"] = table["world_rank"].map(lambda v: fmt_int(v, lang))
    return Overview(
        None,
        t("overview_subtitle", lang, country=name, edition=fmt_int(edition, lang)),
        headline,
        summary_sentence(history, edition, name, lang),
        subindices,
        history,
        table,
    )
