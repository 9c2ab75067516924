"""The back-test on the Methodology page: how well an edition's method rebuilds the UN's published TII and HCI from the
component data in the store (`indicators.method.backtest`), and, where the method of a sub-index changed from the
previous edition, how well the previous method rebuilds the same published values from the same data (the evidence
for the change: the 2024 TII rebuilds with a median |error| of 0.010 with affordability, 0.073 with fixed broadband).

Per sub-index: countries compared, median and 90th-percentile |rebuilt − published|, Pearson correlation, Cambodia's
rebuilt and published values. Computed once per data version and edition (about 0.3–0.5 s once the store's component
data is read, which the Simulator and the Trends page's data-or-method split share), then kept.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from indicators.method.backtest import SUBINDICES, Backtest, backtest
from indicators.method.changes import changes_between, previous_edition
from indicators.method.methodology import load_methodology
from indicators.method.stored import stored_components
from indicators.method.vintages import choose_releases
from layouts.i18n import fmt_int, fmt_number, t
from layouts.views.labels import country_name
from layouts.views.method_words import index_name
from layouts.views.snapshot import request_snapshot, store
from layouts.views.version_cache import newest_version_cache

FOCUS = "KHM"  # the country the dashboard is for: its rebuilt and published values are named


@dataclass(frozen=True)
class Fit:
    """How well one sub-index of an edition is rebuilt; `previous_*`: with the previous edition's method, fed this
    edition's data (None where that method is the same for this sub-index)."""

    subindex: str
    countries: int
    median: float
    p90: float
    correlation: float
    focus_rebuilt: float | None
    focus_published: float | None
    previous_median: float | None = None
    previous_p90: float | None = None


@dataclass(frozen=True)
class EditionFits:
    edition: int
    previous: int | None
    fits: tuple[Fit, ...]
    points: pd.DataFrame  # iso3, subindex, reconstructed, published, error: one row per country compared


def _value(result: Backtest, subindex: str, column: str) -> float | None:
    rows = result.rows[(result.rows["iso3"] == FOCUS) & (result.rows["subindex"] == subindex)]
    value = rows[column].iloc[0] if not rows.empty else None
    return float(value) if value is not None and pd.notna(value) else None


def _fits(components: pd.DataFrame, published: pd.DataFrame, edition: int) -> EditionFits | None:
    """The back-test of `edition` and, for each sub-index whose method changed, of the previous method on its data."""
    method = load_methodology(edition)
    if published[published["edition"] == edition].empty or components.empty:
        return None
    chosen = choose_releases(components, as_of=edition)
    result = backtest(chosen, published, method)
    previous = previous_edition(edition)
    changed = set()
    alternative = None
    if previous is not None:
        old = load_methodology(previous)
        changed = {code for code in SUBINDICES for c in changes_between(old, method) if c.affects(code)}
        if changed:
            alternative = backtest(chosen, published, old, subindices=sorted(changed), data_from=method)
    summary = result.summary.set_index("subindex")
    other = alternative.summary.set_index("subindex") if alternative is not None else pd.DataFrame()
    fits = []
    for code in SUBINDICES:
        row = summary.loc[code]
        if not row["countries"]:
            continue
        was = other.loc[code] if code in other.index else None
        fits.append(
            Fit(
                code,
                int(row["countries"]),
                float(row["median_abs_error"]),
                float(row["p90_abs_error"]),
                float(row["correlation"]),
                _value(result, code, "reconstructed"),
                _value(result, code, "published"),
                float(was["median_abs_error"]) if was is not None else None,
                float(was["p90_abs_error"]) if was is not None else None,
            )
        )
    points = result.rows.dropna(subset=["error"])[["iso3", "subindex", "reconstructed", "published", "error"]].reset_index(drop=True)
    return EditionFits(edition, previous, tuple(fits), points) if fits else None


@newest_version_cache(maxsize=16)
def _edition_fits(version: int, edition: int) -> EditionFits | None:
    current = store()
    codes = sorted(set(load_methodology(edition).input_codes()) | _previous_codes(edition))
    return _fits(stored_components(current, codes), request_snapshot().published, edition)


def _previous_codes(edition: int) -> set[str]:
    previous = previous_edition(edition)
    return set(load_methodology(previous).input_codes()) if previous is not None else set()


def edition_fits(edition: int) -> EditionFits | None:
    """The back-test of `edition` on the store's current data (None: no published values or no component data)."""
    return _edition_fits(request_snapshot().data_version, edition)  # data only, not targets or scenarios


def clear_caches() -> None:
    """Forget what was computed for earlier store versions (tests that switch databases)."""
    _edition_fits.cache_clear()


# ---------------------------------------------------------------- in words


@dataclass(frozen=True)
class BacktestView:
    """The back-test section: an introduction, the figures per sub-index (a table), what they prove, the points of the
    scatter (rebuilt against published) and its table; `notice` instead of all that when there is nothing to test."""

    title: str
    intro: str
    headers: list[str]
    rows: list[list[str]]
    findings: list[str]
    chart_title: str
    chart_summary: str
    points: pd.DataFrame  # name, subindex (its short name), published, reconstructed, error, focus (bool)
    table_headers: list[str]
    table: pd.DataFrame  # the chart block's rows: country, sub-index, published, rebuilt, error (as shown)
    notice: str | None = None


def _n(value: float | None, lang: str, decimals: int = 3) -> str:
    return fmt_number(value, lang, decimals)


def _finding(fit: Fit, fits: EditionFits, lang: str) -> str:
    name = index_name(fit.subindex, lang, short=True)
    params = {"index": name, "edition": fmt_int(fits.edition, lang), "median": _n(fit.median, lang), "p90": _n(fit.p90, lang)}
    if fit.previous_median is None or fits.previous is None:
        return t("methodology_backtest_finding", lang, countries=fmt_int(fit.countries, lang), **params)
    better = fit.median < fit.previous_median
    return t(
        "methodology_backtest_finding_better" if better else "methodology_backtest_finding_worse",
        lang,
        previous=fmt_int(fits.previous, lang),
        previous_median=_n(fit.previous_median, lang),
        **params,
    )


def _focus(fit: Fit, lang: str) -> str:
    if fit.focus_rebuilt is None or fit.focus_published is None:
        return "–"
    return f"{_n(fit.focus_rebuilt, lang)} / {_n(fit.focus_published, lang)}"


def backtest_view(edition: int, lang: str) -> BacktestView:
    """The back-test of `edition` in the page language."""
    fits = edition_fits(edition)
    title = t("methodology_backtest_title", lang)
    headers = [
        t(key, lang, country=country_name(FOCUS, lang))
        for key in (
            "methodology_backtest_subindex",
            "methodology_backtest_countries",
            "methodology_backtest_median",
            "methodology_backtest_p90",
            "methodology_backtest_correlation",
            "methodology_backtest_focus",
        )
    ]
    empty = pd.DataFrame()
    if fits is None:
        notice = t("methodology_backtest_none", lang, edition=fmt_int(edition, lang))
        return BacktestView(title, "", headers, [], [], "", "", empty, [], empty, notice)
    rows = [
        [
            index_name(fit.subindex, lang, short=True),
            fmt_int(fit.countries, lang),
            _n(fit.median, lang),
            _n(fit.p90, lang),
            _n(fit.correlation, lang),
            _focus(fit, lang),
        ]
        for fit in fits.fits
    ]
    findings = [_finding(fit, fits, lang) for fit in fits.fits]
    findings.append(t("methodology_backtest_proves", lang))
    names = {code: country_name(code, lang) for code in fits.points["iso3"].unique()}
    order = {code: i for i, code in enumerate(SUBINDICES)}
    points = (
        fits.points.assign(
            name=fits.points["iso3"].map(names),
            order=fits.points["subindex"].map(order),
            subindex=[index_name(code, lang, short=True) for code in fits.points["subindex"]],
            focus=fits.points["iso3"] == FOCUS,
        )
        .sort_values(["order", "name"], kind="stable")  # the table: by sub-index, then by country name
        .drop(columns="order")
        .reset_index(drop=True)
    )
    table = pd.DataFrame(
        {
            "country": points["name"],
            "subindex": points["subindex"],
            "published": [_n(v, lang, 4) for v in points["published"]],
            "rebuilt": [_n(v, lang, 4) for v in points["reconstructed"]],
            "error": [fmt_number(v, lang, 4, signed=True) for v in points["error"]],
        }
    )
    table_headers = [
        t(key, lang)
        for key in (
            "methodology_backtest_country",
            "methodology_backtest_subindex",
            "methodology_backtest_published",
            "methodology_backtest_rebuilt",
            "methodology_backtest_error",
        )
    ]
    return BacktestView(
        title,
        t("methodology_backtest_intro", lang, edition=fmt_int(edition, lang)),
        headers,
        rows,
        findings,
        t("methodology_backtest_chart_title", lang, edition=fmt_int(edition, lang)),
        t("methodology_backtest_chart_summary", lang, edition=fmt_int(edition, lang), countries=fmt_int(len(names), lang)),
        points,
        table_headers,
        table,
    )
