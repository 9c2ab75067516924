"""Figures of the Simulator page: the sub-indices and EGDI before and after a what-if, against the EGDI group
thresholds. Plain data in, a Plotly figure out, built as plain dicts without Plotly's per-property validation."""

from __future__ import annotations

import plotly.graph_objects as go

from layouts.figures import FONT, template
from layouts.i18n import fmt_number, t
from layouts.views.labels import index_label

BASELINE_COLOUR = "#6B6B6B"  # grey, 5.3:1 on white
WHATIF_COLOUR = "#0072B2"  # Okabe–Ito blue
THRESHOLD_COLOUR = "#D55E00"  # Okabe–Ito vermillion
BARS = ("osi", "tii", "hci", "egdi")


def results_figure(baseline: dict[str, float], whatif: dict[str, float], thresholds: list[tuple[str, float]], lang: str) -> go.Figure:
    """Grouped bars of OSI, TII, HCI and EGDI, baseline and what-if; dashed lines at the group thresholds
    (`thresholds`: (group label, lower bound) pairs)."""
    labels = [index_label(code, lang) for code in BARS]
    traces: list[dict[str, object]] = []
    for name, values, colour, pattern, labelled in (
        (t("simulator_baseline", lang), baseline, BASELINE_COLOUR, "", False),
        (t("simulator_whatif", lang), whatif, WHATIF_COLOUR, "/", True),
    ):
        numbers = [values.get(code) for code in BARS]
        texts = [fmt_number(v, lang) for v in numbers]
        traces.append(
            {
                "type": "bar",
                "x": labels,
                "y": numbers,
                "name": name,
                "marker": {"color": colour, "pattern": {"shape": pattern, "fgcolor": "#ffffff", "size": 6}},
                "text": texts if labelled else None,
                "customdata": texts,
                "textposition": "outside",
                "textfont": {"size": 11},
                "cliponaxis": False,
                "hovertemplate": f"{name} %{{x}}: %{{customdata}}<extra></extra>",
            }
        )
    shapes = []
    for _, bound in thresholds:
        shapes.append(
            {
                "type": "line",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "y0": bound,
                "y1": bound,
                "line": {"color": THRESHOLD_COLOUR, "width": 1.5, "dash": "dash"},
            }
        )
    if thresholds:  # the lines explained in the legend
        text = ", ".join(
            t("simulator_threshold", lang, group=t(f"group_{label}", lang), value=fmt_number(bound, lang, 2)) for label, bound in thresholds
        )
        traces.append(
            {
                "type": "scatter",
                "x": [None],
                "y": [None],
                "mode": "lines",
                "name": text,
                "line": {"color": THRESHOLD_COLOUR, "width": 1.5, "dash": "dash"},
                "hoverinfo": "skip",
            }
        )
    ticks = [0.0, 0.25, 0.5, 0.75, 1.0]
    layout = {
        "template": template(),
        "font": FONT,
        "height": 300,
        "margin": {"l": 48, "r": 12, "t": 24, "b": 30},
        "barmode": "group",
        "legend": {"orientation": "h", "y": -0.14},
        "yaxis": {"range": [0, 1.08], "tickvals": ticks, "ticktext": [fmt_number(v, lang, 2) for v in ticks], "title": {"text": ""}},
        "shapes": shapes,
    }
    return go.Figure(data=traces, layout=layout, _validate=False)
