"""The one sentence that names each chart for screen readers (its `aria-label`), and which period labels an axis of
survey editions shows, in the page language."""

from __future__ import annotations

from collections.abc import Sequence

from layouts.i18n import fmt_int, fmt_number, t


def trend_summary(series: str, country: str, history: Sequence[tuple[int, float]], lang: str, decimals: int = 4) -> str:
    """'EGDI of Cambodia, 2003–2024: from 0.2637 to 0.5754.' (`history`: (period, value) pairs in order)."""
    if not history:
        return t("chart_summary_empty", lang, series=series, country=country)
    (first, start), (last, end) = history[0], history[-1]
    return t(
        "chart_summary_trend",
        lang,
        series=series,
        country=country,
        first=fmt_int(first, lang),
        last=fmt_int(last, lang),
        start=fmt_number(start, lang, decimals),
        end=fmt_number(end, lang, decimals),
    )


def labelled_periods(periods: Sequence[int], min_gap: int = 6) -> list[int]:
    """The periods an axis labels so that labels never crowd on a phone: the first, then each at least `min_gap`
    after the last labelled one, and always the last (dropping the one before it when they would crowd); all of
    them when there are six or fewer."""
    if len(periods) <= 6:
        return list(periods)
    chosen = [periods[0]]
    for period in periods[1:]:
        if period - chosen[-1] >= min_gap:
            chosen.append(period)
    if chosen[-1] != periods[-1]:
        if len(chosen) > 1 and periods[-1] - chosen[-1] < min_gap // 2:
            chosen.pop()
        chosen.append(periods[-1])
    return chosen
