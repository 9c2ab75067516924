"""A report's download: the button, the progress shown while the server builds the file, the status line and the
download itself (the Reports page and a province's brief)."""

from __future__ import annotations

from dash import dcc, html


def report_download(button: str, label: str, progress: str, building: str, status: str, download: str) -> list[object]:
    """The parts, by their component ids: `button` with `label`; `progress` saying `building` (hidden until pressed);
    `status`, read out when it changes; `download`."""
    return [
        html.Div(
            [
                html.Button(label, id=button, className="reports-button"),
                html.Div(
                    [html.Span(className="reports-spinner", **{"aria-hidden": "true"}), building],
                    id=progress,
                    className="reports-progress",
                    role="status",
                    hidden=True,
                ),
            ],
            className="reports-actions",
        ),
        html.Div(id=status, className="reports-status", **{"aria-live": "polite"}),
        dcc.Download(id=download),
    ]
