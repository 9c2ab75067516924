"""Accessibility statement (everyone): how the dashboard can be used with a keyboard, a screen reader, a phone and
in Khmer, its known limits and how it is checked (`layouts.views.accessibility`)."""

from __future__ import annotations

import dash
from dash import html

from layouts.state import language
from layouts.views.accessibility import statement

dash.register_page(__name__, path="/accessibility", name="Accessibility", order=90, nav=False)


def layout(lang: str = "en", **_: str) -> html.Div:
    shown = statement(language(lang))
    parts: list[object] = [html.H1(shown.title), html.P(shown.intro, className="subtitle")]
    for heading, points in shown.sections:
        parts.append(html.Section([html.H2(heading), html.Ul([html.Li(point) for point in points])], className="panel"))
    parts.append(html.P(shown.contact, className="source"))
    return html.Div(parts, className="accessibility-page")
