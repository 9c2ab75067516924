"""Static HTML the browser draws (layouts/components/inert.py): the attribute holds exactly the elements it replaces."""

from __future__ import annotations

import json

import pytest
from dash import dcc, html

from layouts.components.inert import ATTRIBUTE, inert, nodes
from tests.layouts.trees import children_of, texts


def test_elements_become_tag_attributes_and_children_with_html_names():
    content = [
        html.Thead(html.Tr([html.Th("Country", scope="col", colSpan=2)])),
        html.Tbody(
            html.Tr([html.Td(0.4503, className="num"), html.Td(None), html.Td([html.Span("◆", **{"aria-hidden": "true"}), " Limited"])])
        ),
    ]
    assert nodes(content) == [
        ["thead", {}, [["tr", {}, [["th", {"scope": "col", "colspan": "2"}, ["Country"]]]]]],
        [
            "tbody",
            {},
            [
                [
                    "tr",
                    {},
                    [
                        ["td", {"class": "num"}, ["0.4503"]],
                        ["td", {}, []],
                        ["td", {}, [["span", {"aria-hidden": "true"}, ["◆"]], " Limited"]],
                    ],
                ]
            ],
        ],
    ]


def test_boolean_attributes_are_there_or_not_and_dash_only_properties_are_left_out():
    shown = nodes(
        [html.Details(html.Summary("More"), open=True), html.Div(hidden=False, n_clicks=3, tabIndex="0"), html.Label("x", htmlFor="y")]
    )
    assert shown == [["details", {"open": ""}, [["summary", {}, ["More"]]]], ["div", {"tabindex": "0"}, []], ["label", {"for": "y"}, ["x"]]]


def test_the_element_keeps_its_own_properties_and_its_content_travels_as_the_attribute():
    table = html.Table([html.Tbody(html.Tr(html.Td("០.៤៥០៣")))], id="lights", className="data-table", **{"aria-label": "Lights"})
    drawn = inert(table)
    assert (type(drawn), drawn.id, drawn.className, getattr(drawn, "aria-label"), drawn.children) == (
        html.Table,
        "lights",
        "data-table",
        "Lights",
        None,
    )
    assert json.loads(getattr(drawn, ATTRIBUTE)) == [["tbody", {}, [["tr", {}, [["td", {}, ["០.៤៥០៣"]]]]]]]
    assert "០.៤៥០៣" in getattr(drawn, ATTRIBUTE)  # Khmer travels as itself, not as escapes
    assert texts(drawn) == texts(table) and [type(c) for c in children_of(drawn)] == [html.Tbody]


def test_a_page_link_is_an_anchor_the_browser_follows_in_the_page_unless_it_reloads_anyway():
    shown = nodes([dcc.Link("Try it", href="/simulator?set=osi", className="ol-try"), dcc.Link("Data", href="/data", refresh=True)])
    assert shown == [
        ["a", {"data-page-link": "", "class": "ol-try", "href": "/simulator?set=osi"}, ["Try it"]],
        ["a", {"href": "/data"}, ["Data"]],
    ]


@pytest.mark.parametrize(
    "content, refused",
    [
        (html.Div(dcc.Link("Data", href="javascript:alert(1)")), "link"),
        (html.Div(dcc.Input(value="x")), "Input cannot be drawn"),
        (html.Div(html.Span("x", style={"color": "red"})), "style"),
        (html.Div(html.Span("x", id={"type": "cell", "index": 1})), "id"),
    ],
)
def test_what_needs_dash_in_the_browser_is_refused(content, refused):
    with pytest.raises(ValueError, match=refused):
        inert(content)
