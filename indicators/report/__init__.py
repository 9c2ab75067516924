"""Reports: what leaves the app for people to read: the Excel workbook, the PDF ministerial brief (English and
Khmer), the PDF brief of one province's portal assessment, and CSV tables. Pure core: charts arrive as images from the
Dash side (`charts.ChartRenderer`).

    content = gather(store, "KHM", 2024)
    build_workbook(content, "km")                          # .xlsx bytes
    build_brief(content, "en", layouts.render.report_charts(content, "en"))   # .pdf bytes
    table_csv(tables.history(content, "en"))               # .csv bytes of the main table

    report = gather_province(store, "KH-12")               # a province's portal assessment (indicators.method.provinces)
    build_province_brief(report, "km", charts)             # .pdf bytes; charts by name, see PROVINCE_CHARTS
"""

from indicators.report.brief import brief_html, brief_with_charts, build_brief
from indicators.report.charts import CHARTS, ChartRenderer, ChartRenderError
from indicators.report.content import ReportContent, ReportError, gather, resolve_entity
from indicators.report.messages import key_messages, notes
from indicators.report.province import PROVINCE_CHARTS, ProvinceReport, gather_province
from indicators.report.province_brief import build_province_brief, province_brief_html
from indicators.report.tables import Table, table_csv
from indicators.report.workbook import build_workbook

__all__ = [
    "CHARTS",
    "PROVINCE_CHARTS",
    "ChartRenderError",
    "ChartRenderer",
    "ProvinceReport",
    "ReportContent",
    "ReportError",
    "Table",
    "brief_html",
    "brief_with_charts",
    "build_brief",
    "build_province_brief",
    "build_workbook",
    "gather",
    "gather_province",
    "key_messages",
    "notes",
    "province_brief_html",
    "resolve_entity",
    "table_csv",
]
