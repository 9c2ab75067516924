"""`python -m indicators`: the composition root of the command line. The core draws no charts, so the PDF brief and
chart images get their renderer here, from the Dash side (`layouts.render`, which needs plotly and kaleido); it is
imported only when a command uses it."""

import importlib
import sys
from collections.abc import Mapping
from typing import Any

from indicators.cli.main import main


class LazyChartRenderer:
    """`layouts.render.report_charts`, imported on first use (loading plotly takes a moment)."""

    def __call__(self, content: Any, lang: str, fmt: str = "png") -> Mapping[str, bytes]:
        result: Mapping[str, bytes] = importlib.import_module("layouts.render").report_charts(content, lang, fmt)
        return result

    def warm_up(self) -> None:
        """Start the chart browser in the background."""
        importlib.import_module("layouts.render").warm_up()


sys.exit(main(chart_renderer=LazyChartRenderer()))
