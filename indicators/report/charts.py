"""How the core receives chart images: it never draws them (no plotly here). The Dash side (`layouts.render`) provides
a ChartRenderer; the CLI gets one from its composition root (`indicators/__main__.py`), the app calls it directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from indicators.report.content import ReportContent

CHARTS = ("trend", "subindices")  # the brief's charts, in page order
IMAGE_FORMATS = ("png", "svg")


class ChartRenderError(RuntimeError):
    """The charts could not be drawn (no browser, a timeout, a crash); the message says what to do."""


class ChartRenderer(Protocol):
    def __call__(self, content: ReportContent, lang: str, fmt: str = "png") -> Mapping[str, bytes]:
        """The images of every chart in CHARTS for `content` in `lang`, as `fmt` ('png' or 'svg') bytes by name.
        Raises ChartRenderError when they cannot be drawn."""
        ...
