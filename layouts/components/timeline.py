"""Timelines under a chart block: a range of periods (Trends) or one edition (the world map), labelled in the page
language with labels that never crowd (`labelled_periods`)."""

from __future__ import annotations

from collections.abc import Sequence

from dash import dcc, html

from layouts.i18n import fmt_int, t
from layouts.views.chart_words import labelled_periods


def range_props(periods: Sequence[int], shown: tuple[int, int] | None, lang: str) -> dict[str, object]:
    """A range timeline's min, max, marks and value over `periods` (all of them when `shown` is None)."""
    periods = list(periods) or [0]
    chosen = shown or (periods[0], periods[-1])
    marks = {str(p): fmt_int(p, lang) for p in labelled_periods(periods)}
    return {"min": periods[0], "max": periods[-1], "marks": marks, "value": list(chosen)}


def _group(component_id: str, label: str, slider: object, lang: str, hidden: bool = False) -> html.Div:
    """The slider with its label; its number boxes are named from them (assets/a11y_repair.js)."""
    label_id = component_id + "-label"
    words = f"{t('chart_timeline_from', lang)}|{t('chart_timeline_to', lang)}"
    return html.Div(
        [html.Span(label, id=label_id, className="cb-timeline-label"), slider],
        role="group",
        hidden=hidden,
        **{"aria-labelledby": label_id, "data-range-words": words},
    )


def range_timeline(component_id: str, label: str, props: dict[str, object], lang: str) -> html.Div:
    """A range slider of periods (`range_props`), answering when the handle is let go."""
    slider = dcc.RangeSlider(id=component_id, step=1, allowCross=False, updatemode="mouseup", **props)  # type: ignore[arg-type]
    return _group(component_id, label, slider, lang)


def edition_timeline(component_id: str, label: str, editions: Sequence[int], value: int | None, lang: str) -> html.Div:
    """A slider of editions that stops only at `editions`; hidden with fewer than two."""
    labelled = labelled_periods(list(editions), 2)
    slider = dcc.Slider(
        id=component_id,
        min=editions[0] if editions else 0,
        max=editions[-1] if editions else 1,
        step=None,
        marks={str(e): fmt_int(e, lang) if e in labelled else "" for e in editions},  # every edition a stop
        value=value,
        included=False,
    )
    return _group(component_id, label, slider, lang, hidden=len(editions) < 2)
