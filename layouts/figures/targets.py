"""Figures and status lights of the Targets page (and of the overview's targets panel).

A target's small chart: the observed series, the target path from the baseline through the milestone values, and
the projection from the latest value to each milestone with its 80 % band. Ranks are drawn with the axis reversed
(up is better). Plain data in, Plotly figures out, built as plain dicts without Plotly's per-property validation
(which would cost several ms a figure; the page draws one per target).

A status light is never colour alone: an icon, the status in words, and the colour.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from dash import html

from indicators.outlook.targets import RANK_INDICATORS
from layouts import ids
from layouts.components import scroll_box
from layouts.components.inert import inert
from layouts.figures import FONT, template
from layouts.i18n import fmt_int, fmt_number, t
from layouts.views.labels import INDEX_INDICATORS, decimals, fmt_value

SERIES_COLOUR = "#0072B2"  # Okabe–Ito blue: what was observed
TARGET_COLOUR = "#D55E00"  # Okabe–Ito vermillion: the targets
PROJECTION_COLOUR = "#009E73"  # Okabe–Ito bluish green: the projection
BAND_FILL = "rgba(0, 158, 115, 0.16)"
LIGHT_ICONS = {
    "on_track": "✔",
    "needs_acceleration": "▲",
    "limited_progress": "◆",
    "deterioration": "✖",
    "insufficient_data": "?",
}
RECENT_YEARS = 12  # years of history drawn before the latest observation


def status_light(progress: str, lang: str, short: bool = False) -> html.Span:
    """The status as icon + words + colour (class `tg-light tg-<status>`)."""
    text = t(f"targets_progress_{progress}", lang)
    return html.Span(
        [html.Span(LIGHT_ICONS.get(progress, "?"), className="tg-light-icon", **{"aria-hidden": "true"}), html.Span(text)],
        className=f"tg-light tg-{progress}" + (" tg-light-short" if short else ""),
    )


def status_badge(status: str, lang: str) -> html.Span:
    """`Confirmed` or `Indicative`, always shown beside a target."""
    kind = "confirmed" if status == "confirmed" else "indicative"
    return html.Span(t(f"targets_status_{kind}", lang), className=f"tg-badge tg-badge-{kind}")


def lights_table(frame: pd.DataFrame, milestones: dict[int, int], lang: str, table_id: str | None = None, link: str = "") -> html.Div:
    """One row per target: its name (a link to its card: `link` is the Targets page's address from another page),
    confirmed/indicative, and one light per milestone (the overview's panel and the head of the Targets page)."""
    years = list(milestones)
    head = html.Tr(
        [html.Th(t("targets_col_target", lang), scope="col"), html.Th(t("targets_col_status", lang), scope="col")]
        + [html.Th(t("targets_col_milestone", lang, year=fmt_int(year, lang)), scope="col") for year in years]
    )
    rows = []
    for target_id, group in frame.groupby("target_id", sort=False):
        first = group.iloc[0]
        by_year = group.set_index("milestone")
        cells = []
        for year in years:
            if year in by_year.index:
                row = by_year.loc[year]
                value = fmt_value(row["target_value"], str(row["indicator"]), lang)
                cells.append(html.Td([html.Span(value, className="tg-cell-value"), status_light(str(row["progress"]), lang, True)]))
            else:
                cells.append(html.Td("–"))
        name = first["name_km"] if lang == "km" else first["name_en"]
        rows.append(
            html.Tr(
                [
                    html.Th(html.A(str(name), href=f"{link}#{ids.TARGETS_CARD_PREFIX}{target_id}"), scope="row"),
                    html.Td(status_badge(str(first["status"]), lang)),
                    *cells,
                ]
            )
        )
    table = inert(html.Table([html.Thead(head), html.Tbody(rows)], className="data-table tg-lights"))
    if table_id:
        table.id = table_id
    return scroll_box(table, lang, t("targets_summary_title", lang))


def _line(x: list[object], y: list[object], name: str, colour: str, lang: str, places: int, dash: str = "solid") -> dict[str, object]:
    """A line whose hover says `name year: value` in the page's digits."""
    return {
        "type": "scatter",
        "x": x,
        "y": y,
        "name": name,
        "mode": "lines+markers",
        "line": {"color": colour, "width": 2, "dash": dash},
        "marker": {"size": 7, "color": colour},
        "text": [f"{name} {fmt_int(year, lang)}: {fmt_number(value, lang, places)}" for year, value in zip(x, y, strict=True)],
        "hovertemplate": "%{text}<extra></extra>",
    }


def target_figure(series: pd.Series, rows: pd.DataFrame, indicator: str, lang: str) -> go.Figure:
    """The small chart of one target: `series` (values by year), `rows` its evaluate_targets rows."""
    places = decimals(indicator)
    traces: list[dict[str, object]] = []
    rows = rows.sort_values("measured_in")
    if len(series) > 1:  # the recent history only: the chart is small, the table below has every year
        first = int(series.index[-1]) - RECENT_YEARS
        if not rows.empty and not pd.isna(rows["baseline_year"].iloc[0]):
            first = min(first, int(rows["baseline_year"].iloc[0]))
        series = series[series.index >= first]
    if len(series):
        traces.append(_line(series.index.tolist(), series.tolist(), t("targets_chart_observed", lang), SERIES_COLOUR, lang, places))
    projected = rows.dropna(subset=["projected"])
    if not projected.empty and len(series):
        start_x, start_y = int(series.index[-1]), float(series.iloc[-1])
        xs = [start_x, *projected["measured_in"].astype(int).tolist()]
        lower = [start_y, *projected["projected_lower"].tolist()]
        upper = [start_y, *projected["projected_upper"].tolist()]
        band_name = t("targets_chart_band", lang)
        traces.append(
            {"type": "scatter", "x": xs, "y": lower, "mode": "lines", "line": {"width": 0}, "showlegend": False, "hoverinfo": "skip"}
        )
        traces.append(
            {
                "type": "scatter",
                "x": xs,
                "y": upper,
                "mode": "lines",
                "line": {"width": 0},
                "fill": "tonexty",
                "fillcolor": BAND_FILL,
                "name": band_name,
                "hoverinfo": "skip",
            }
        )
        traces.append(
            _line(
                xs, [start_y, *projected["projected"].tolist()], t("targets_chart_projection", lang), PROJECTION_COLOUR, lang, places, "dot"
            )
        )
    base = rows.iloc[0] if not rows.empty else None
    target_x = rows["measured_in"].astype(int).tolist()
    target_y = rows["target_value"].tolist()
    if base is not None and not pd.isna(base["baseline_year"]) and not pd.isna(base["baseline_value"]):
        target_x = [int(base["baseline_year"]), *target_x]
        target_y = [float(base["baseline_value"]), *target_y]
    target_trace = _line(target_x, target_y, t("targets_chart_target", lang), TARGET_COLOUR, lang, places, "dash")
    target_trace["marker"] = {"size": 9, "color": TARGET_COLOUR, "symbol": "diamond"}
    traces.append(target_trace)
    xs = [x for trace in traces for x in trace["x"]]  # type: ignore[attr-defined]
    ys = [y for trace in traces for y in trace["y"] if y is not None and not pd.isna(y)]  # type: ignore[attr-defined]
    yaxis: dict[str, object] = {"title": {"text": ""}, "zeroline": False}
    if indicator in INDEX_INDICATORS:
        yaxis["range"] = [-0.02, 1.04]
        yticks = [0.0, 0.25, 0.5, 0.75, 1.0]
    else:
        yticks = nice_ticks(min(ys), max(ys)) if ys else []
    yaxis |= {"tickvals": yticks, "ticktext": [fmt_number(v, lang, tick_decimals(yticks)) for v in yticks]}
    if indicator in RANK_INDICATORS:
        yaxis["autorange"] = "reversed"
        yaxis["title"] = {"text": t("targets_chart_rank_axis", lang)}
    xticks = list(range(min(xs) + (min(xs) % 2), max(xs) + 1, 4 if max(xs) - min(xs) > 12 else 2)) if xs else []
    layout = {
        "template": template(),
        "font": FONT,
        "height": 240,
        "margin": {"l": 48, "r": 12, "t": 8, "b": 30},
        "legend": {"orientation": "h", "y": -0.22, "font": {"size": 11}},
        "xaxis": {"tickvals": xticks, "ticktext": [fmt_int(x, lang) for x in xticks]},
        "yaxis": yaxis,
        "hovermode": "closest",
        "separators": ".,",
    }
    return go.Figure(data=traces, layout=layout, _validate=False)


def nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """About `count` round tick values (1, 2 or 5 × 10^k apart) covering [low, high]."""
    span = high - low if high > low else abs(high) or 1.0
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    return [round(first + i * step, 10) for i in range(int((high - first) / step + 1e-9) + 2) if first + i * step <= high + step]


def tick_decimals(ticks: list[float]) -> int:
    """Decimals enough to tell the ticks apart."""
    for places in range(0, 5):
        if all(abs(round(v, places) - v) < 1e-9 for v in ticks):
            return places
    return 4
