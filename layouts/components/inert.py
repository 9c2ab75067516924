"""Static HTML the browser draws: an element whose content is plain HTML (tables, lists, notes; no callback reads or
writes inside it) sends that content as one attribute, `data-inert`, instead of one Dash component per element.

Dash's renderer and React spend a quarter of a millisecond or more per component on a page's first draw (each one's
wrapper runs again on every update of Dash's store), and a table of lights is hundreds of components: Targets drew
1,413 of them, and loads 300 ms sooner with 243. `assets/inert.js` builds the same elements from the attribute before
the browser paints, and again whenever the attribute changes. The element itself stays a Dash component, so its id,
class and every property a stylesheet or callback relies on are where they were.

The attribute's JSON: a node is a string (text) or `[tag, {attribute: value}, [node, ...]]`. A dcc.Link is an `a`
marked `data-page-link` (unless it reloads the page anyway), which `assets/inert.js` follows as dcc.Link does: in the
page, without loading it anew.
"""

from __future__ import annotations

import json
import re
from typing import Any

from dash import dcc
from dash.development.base_component import Component

ATTRIBUTE = "data-inert"
# Dash's names of html properties that are not the attribute's name
RENAMED = {"className": "class", "htmlFor": "for", "tabIndex": "tabindex", "colSpan": "colspan", "rowSpan": "rowspan"}
BOOLEAN = {"hidden", "open", "disabled"}
DASH_ONLY = {"n_clicks", "n_clicks_timestamp", "disable_n_clicks", "key", "loading_state"}
ATTRIBUTE_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
LINK_PROPS = ("id", "className", "href", "title", "target")  # what of a dcc.Link an `a` keeps


def inert(element: Component) -> Component:
    """`element` with its content moved into its `data-inert` attribute (drawn by the browser); its own properties
    are kept. Raises ValueError for content the browser cannot draw as plain HTML (a dcc component, an event)."""
    content = element.children  # type: ignore[attr-defined]
    props = {name: value for name, value in element.to_plotly_json()["props"].items() if name != "children"}
    props[ATTRIBUTE] = json.dumps(nodes(content), ensure_ascii=False, separators=(",", ":"))
    return type(element)(**props)


def nodes(content: object) -> list[object]:
    """The JSON nodes of a component's children (a component, a string, a number or a list of them)."""
    if content is None or isinstance(content, bool):
        return []
    if isinstance(content, list | tuple):
        return [node for child in content for node in nodes(child)]
    if isinstance(content, str | int | float):
        return [str(content)]
    if isinstance(content, Component) and content._namespace == "dash_html_components":  # type: ignore[attr-defined]
        return [node(content)]
    if isinstance(content, dcc.Link):
        return [link(content)]
    raise ValueError(f"{type(content).__name__} cannot be drawn as plain HTML")


def node(component: Component) -> list[object]:
    props = component.to_plotly_json()["props"]
    attributes = {}
    for name, value in props.items():
        if name == "children" or name in DASH_ONLY or value is None:
            continue
        attributes.update(attribute(RENAMED.get(name, name), value))
    return [component._type.lower(), attributes, nodes(props.get("children"))]  # type: ignore[attr-defined]


def link(component: dcc.Link) -> list[object]:
    """A link to a page of the dashboard: an `a`, followed in the page (`data-page-link`) unless it reloads it."""
    props = component.to_plotly_json()["props"]
    if str(props.get("href", "")).strip().lower().startswith("javascript:"):
        raise ValueError(f"link {props['href']!r} cannot be drawn as plain HTML")
    attributes = {"data-page-link": ""} if not props.get("refresh") else {}
    for name in LINK_PROPS:
        if props.get(name) is not None:
            attributes.update(attribute(RENAMED.get(name, name), props[name]))
    return ["a", attributes, nodes(props.get("children"))]


def attribute(name: str, value: Any) -> dict[str, str]:
    """The HTML attribute of one property: a boolean attribute is there or not; aria and data values are strings."""
    if not ATTRIBUTE_NAME.match(name) or name.startswith("on") or isinstance(value, dict | list):
        raise ValueError(f"property {name}={value!r} cannot be drawn as plain HTML")
    if name in BOOLEAN:
        return {name: ""} if value else {}
    if isinstance(value, bool):
        return {name: "true" if value else "false"}
    return {name: str(value)}
