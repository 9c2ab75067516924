"""Looking into a Dash component tree without a browser: a component by id or class, and the text it shows."""

from __future__ import annotations

import json
from collections.abc import Iterator

import plotly.graph_objects as go
from dash import html

from layouts.components.inert import ATTRIBUTE, BOOLEAN, RENAMED

PROPS = {attribute: prop for prop, attribute in RENAMED.items()}


def revived(node: object) -> object:
    """The html component a node of static HTML drawn by the browser (`layouts.components.inert`) stands for."""
    if isinstance(node, str):
        return node
    tag, attributes, children = node  # type: ignore[misc]
    props = {PROPS.get(name, name): (True if name in BOOLEAN else value) for name, value in attributes.items()}
    return getattr(html, tag.capitalize())([revived(child) for child in children], **props)


def children_of(component: object) -> list[object]:
    """The components directly inside `component` (a list or tuple is its items; an element whose content the
    browser draws, the components that content stands for)."""
    if isinstance(component, list | tuple):
        return list(component)
    drawn = getattr(component, ATTRIBUTE, None)
    if drawn is not None:
        return [revived(node) for node in json.loads(drawn)]
    children = getattr(component, "children", None)
    if isinstance(children, list | tuple):
        return list(children)
    return [] if children is None else [children]


def walk(component: object) -> Iterator[object]:
    """Every component in the tree, depth first: `component` itself (unless a list or tuple, whose items are walked)
    and everything inside it; strings, numbers and None are not components."""
    if component is None or isinstance(component, str | int | float):
        return
    if not isinstance(component, list | tuple):
        yield component
    for child in children_of(component):
        yield from walk(child)


def find(component: object, component_id: object) -> object | None:
    """The first component with this id in the tree, or None."""
    return next((c for c in walk(component) if getattr(c, "id", None) == component_id), None)


def find_class(component: object, class_name: str) -> object | None:
    """The first component whose className holds `class_name`, or None."""
    return next((c for c in walk(component) if class_name in str(getattr(c, "className", "") or "").split()), None)


def strings(component: object) -> list[str]:
    """Every non-empty string (and number) inside a component tree, depth first."""
    if isinstance(component, str | int | float):
        return [str(component)] if str(component) else []
    if isinstance(component, list | tuple):
        return [string for child in component for string in strings(child)]
    return strings(children_of(component))


def texts(component: object) -> str:
    """Every string (and number) inside a component tree, joined by spaces."""
    return " ".join(strings(component))


def figure_of(graph: object) -> go.Figure:
    """The figure a chart shows: the one its box carries (`data-figure`, drawn by the browser), or that JSON itself
    (what a callback sends the box)."""
    return go.Figure(json.loads(graph if isinstance(graph, str) else getattr(graph, "data-figure")))


def config_of(graph: object) -> dict[str, object]:
    """The plotly.js options of a chart (its box's `data-config`)."""
    return dict(json.loads(getattr(graph, "data-config")))


def table_of(table: object) -> dict[str, object]:
    """What the browser draws a sortable table from (its `data-sortable`, layouts/components/sortable_table.py), from the
    table's box or that JSON itself: {"columns": [...], "rows": [...], "lang": ..., ...}."""
    data = table if isinstance(table, str) else getattr(table, "data-sortable")
    return json.loads(data)  # type: ignore[no-any-return]
