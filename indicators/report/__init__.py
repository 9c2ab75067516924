"""Reports: what leaves the app for people to read: the Excel workbook, the PDF ministerial brief (English and
Khmer) and CSV tables. Pure core: charts arrive as images from the Dash side (`charts.ChartRenderer`).

    content = gather(store, "KHM", 2024)
    build_workbook(content, "km")                          # .xlsx bytes
    build_brief(content, "en", layouts.render.report_charts(content, "en"))   # .pdf bytes
    table_csv(tables.history(content, "en"))               # .csv bytes of the main table
"""

from indicators.report.brief import brief_html, brief_with_charts, build_brief
from indicators.report.charts import CHARTS, ChartRenderer, ChartRenderError
from indicators.report.content import ReportContent, ReportError, gather, resolve_entity
from indicators.report.messages import key_messages, notes
from indicators.report.tables import Table, table_csv
from indicators.report.workbook import build_workbook

__all__ = [
    "CHARTS",
    "ChartRenderError",
    "ChartRenderer",
    "ReportContent",
    "ReportError",
    "Table",
    "brief_html",
    "brief_with_charts",
    "build_brief",
    "build_workbook",
    "gather",
    "key_messages",
    "notes",
    "resolve_entity",
    "table_csv",
]
