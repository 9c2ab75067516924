"""The Excel report (openpyxl): Cover, Summary, Sub-indices by edition, Components, Peers (ASEAN), Targets, Outlook
(the next Survey's nowcast, levers, track record) and Sources / method (with the attribution and licence of every
bundled source), with sheet names and headers in the report language.

Numbers are stored as numbers with a number format (indices 0.0000, ranks 0, changes with a sign); headers are bold
and frozen; columns are sized to their content; the main series have native Excel charts. Every text cell goes
through `indicators.report.writers.neutralise`, so no stored text (a file name, a source) is ever read as a formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from io import BytesIO

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.marker import DataPoint
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from indicators.ingest.bundled import attribution_lines
from indicators.report import outlook_tables, tables
from indicators.report.content import ReportContent
from indicators.report.messages import key_messages, notes
from indicators.report.strings import integer, missing, text
from indicators.report.tables import NUMBER_FORMATS, Table
from indicators.report.targets import nowcast_note
from indicators.report.writers import neutralise

SERIES_COLOURS = {"egdi": "0072B2", "osi": "009E73", "tii": "E69F00", "hci": "D55E00", "epi": "CC79A7"}
HIGHLIGHT = "D55E00"
HEADER_FILL = PatternFill("solid", fgColor="E3EAF4")
ENTITY_FILL = PatternFill("solid", fgColor="FFF2CC")
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=16, color="0B3D91")
HEADING = Font(bold=True, size=12, color="0B3D91")
MIN_WIDTH, MAX_WIDTH = 8, 60
SHEET_NAME_LIMIT = 31


CellValue = str | int | float | date | None


def _cell_value(value: object) -> CellValue:
    """What a cell holds: text neutralised, numpy scalars as Python numbers, anything missing empty."""
    if missing(value):
        return None
    if isinstance(value, str):
        return str(neutralise(value))
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, (int, float, date)):
        return value
    return str(neutralise(str(value)))


def _put(sheet: Worksheet, row: int, column: int, value: object, kind: str = "text", font: Font | None = None) -> None:
    cell = sheet.cell(row=row, column=column, value=_cell_value(value))
    if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool) and kind != "text":
        cell.number_format = NUMBER_FORMATS[kind]
    if font is not None:
        cell.font = font


def _write_table(sheet: Worksheet, table: Table, top: int = 1, highlight: Sequence[bool] | None = None) -> int:
    """Write `table` with its header row at `top`; returns the last row written."""
    for column, header in enumerate(table.headers, start=1):
        _put(sheet, top, column, header, font=BOLD)
        sheet.cell(row=top, column=column).fill = HEADER_FILL
        sheet.cell(row=top, column=column).alignment = Alignment(wrap_text=True, vertical="top")
    for offset, values in enumerate(table.frame.itertuples(index=False)):
        row = top + 1 + offset
        for column, value in enumerate(values, start=1):
            _put(sheet, row, column, value, table.kind(offset, column - 1))
            if highlight is not None and highlight[offset]:
                sheet.cell(row=row, column=column).font = BOLD
                sheet.cell(row=row, column=column).fill = ENTITY_FILL
    return top + len(table.frame)


def _shown_width(value: object, number_format: str) -> int:
    if value is None:
        return 0
    if isinstance(value, float):
        return len(f"{value:.4f}") + 1 if "0.0000" in number_format else len(f"{value:,.2f}")
    if isinstance(value, date):
        return 10
    return max(len(line) for line in str(value).split("\n"))


def _size_columns(sheet: Worksheet, skip_rows: Sequence[int] = ()) -> None:
    """Each column as wide as its widest cell (within MIN_WIDTH..MAX_WIDTH); long text wraps."""
    widths: dict[int, int] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.row in skip_rows or cell.value is None:
                continue
            width = _shown_width(cell.value, cell.number_format)
            widths[cell.column] = max(widths.get(cell.column, 0), width)
            if width > MAX_WIDTH:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)


def _sheet(book: Workbook, key: str, lang: str) -> Worksheet:
    sheet: Worksheet = book.create_sheet(title=text(f"sheet_{key}", lang)[:SHEET_NAME_LIMIT])
    return sheet


def _line_chart(title: str, y_title: str, x_title: str) -> LineChart:
    chart = LineChart()
    chart.title, chart.y_axis.title, chart.x_axis.title = title, y_title, x_title
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 1
    chart.y_axis.number_format = "0.0"
    chart.x_axis.delete = chart.y_axis.delete = False
    chart.height, chart.width = 9, 18
    return chart


def _bar_chart(title: str, horizontal: bool = False) -> BarChart:
    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    chart.title = title
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 1
    chart.y_axis.number_format = "0.0"
    chart.x_axis.delete = chart.y_axis.delete = False
    chart.height, chart.width = 9, 18
    return chart


def _cover(book: Workbook, content: ReportContent, lang: str) -> None:
    sheet = _sheet(book, "cover", lang)
    _put(sheet, 1, 1, text("workbook_title", lang), font=TITLE)
    _put(sheet, 2, 1, text("subtitle", lang, country=content.name(lang), edition=integer(content.edition, lang)))
    method = content.methodology
    facts: list[tuple[str, object, str]] = [
        (text("label_country", lang), content.name(lang), "text"),
        (text("col_iso3", lang), content.entity, "text"),
        (text("col_edition", lang), content.edition, "year"),
        (text("label_previous_edition", lang), content.previous_edition, "year"),
        (text("label_created", lang), content.created, "text"),
        (text("label_method", lang), f"{method.id} ({text('method_' + method.status, lang)})", "text"),
        (text("label_field", lang), content.field_size, "count"),
        (text("label_versions", lang), ", ".join(str(v) for v in content.version_ids), "text"),
    ]
    row = 4
    for label, value, kind in facts:
        _put(sheet, row, 1, label, font=BOLD)
        _put(sheet, row, 2, value, kind)
        if isinstance(value, date):
            sheet.cell(row=row, column=2).number_format = "yyyy-mm-dd"
        row += 1
    long_rows = [1, 2]
    for note in notes(content, lang):
        row += 1
        _put(sheet, row, 1, note)
        long_rows.append(row)
    row += 2
    _put(sheet, row, 1, text("heading_versions", lang), font=HEADING)
    long_rows.append(row)
    _write_table(sheet, tables.versions(content, lang), top=row + 1)
    _size_columns(sheet, skip_rows=long_rows)
    sheet.column_dimensions["A"].width = max(sheet.column_dimensions["A"].width or 0, 24)


def _summary(book: Workbook, content: ReportContent, lang: str) -> None:
    sheet = _sheet(book, "summary", lang)
    table = tables.summary(content, lang)
    last = _write_table(sheet, table)
    sheet.freeze_panes = "A2"
    row = last + 2
    _put(sheet, row, 1, text("heading_messages", lang), font=HEADING)
    message_rows = []
    for message in key_messages(content, lang):
        row += 1
        _put(sheet, row, 1, message)
        message_rows.append(row)
    _size_columns(sheet, skip_rows=message_rows)
    chart = _bar_chart(text("chart_subindices", lang))
    columns = 3 if content.previous is not None else 2
    chart.add_data(Reference(sheet, min_col=2, max_col=columns, min_row=1, max_row=6), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=6))
    sheet.add_chart(chart, "F2")


def _history(book: Workbook, content: ReportContent, lang: str) -> None:
    sheet = _sheet(book, "history", lang)
    table = tables.history(content, lang)
    last = _write_table(sheet, table)
    sheet.freeze_panes = "B2"
    _size_columns(sheet)
    chart = _line_chart(text("chart_trend", lang), text("axis_index", lang), text("col_edition", lang))
    chart.add_data(Reference(sheet, min_col=2, max_col=5, min_row=1, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=last))
    for series, code in zip(chart.series, ("egdi", "osi", "tii", "hci"), strict=True):
        series.graphicalProperties.line.solidFill = SERIES_COLOURS[code]
        series.graphicalProperties.line.width = 38000 if code == "egdi" else 22000
        series.smooth = False
    sheet.add_chart(chart, f"{get_column_letter(len(table.columns) + 2)}2")


def _components(book: Workbook, content: ReportContent, lang: str) -> None:
    sheet = _sheet(book, "components", lang)
    table = tables.components(content, lang)
    _write_table(sheet, table)
    if table.frame.empty:
        _put(sheet, 2, 1, text("no_components", lang))
    sheet.freeze_panes = "A2"
    _size_columns(sheet)


def _peers(book: Workbook, content: ReportContent, lang: str) -> None:
    sheet = _sheet(book, "peers", lang)
    table = tables.peers(content, lang)
    last = _write_table(sheet, table, highlight=list(content.peers["is_entity"]))
    sheet.freeze_panes = "A2"
    if content.peers_missing:
        _put(sheet, last + 2, 1, notes(content, lang)[-1])
    _size_columns(sheet, skip_rows=[last + 2])
    chart = _bar_chart(text("chart_peers", lang, edition=integer(content.edition, lang)), horizontal=True)
    chart.add_data(Reference(sheet, min_col=4, min_row=1, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=2, min_row=2, max_row=last))
    chart.x_axis.scaling.orientation = "maxMin"  # best first, top down
    chart.legend = None
    chart.height = max(9, 0.75 * len(table.frame))
    series = chart.series[0]
    series.graphicalProperties.solidFill = SERIES_COLOURS["egdi"]
    for index, is_entity in enumerate(content.peers["is_entity"]):
        if is_entity:  # the country's own bar stands out
            point = DataPoint(idx=index)
            point.graphicalProperties.solidFill = HIGHLIGHT
            series.dPt.append(point)
    sheet.add_chart(chart, f"{get_column_letter(len(table.columns) + 2)}2")


def _targets(book: Workbook, content: ReportContent, lang: str) -> None:
    sheet = _sheet(book, "targets", lang)
    table = tables.targets(content, lang)
    if table is None:
        _put(sheet, 1, 1, text("no_targets", lang, country=content.name(lang)))
        sheet.column_dimensions["A"].width = MAX_WIDTH
        return
    last = _write_table(sheet, table)
    note = nowcast_note(content.targets, lang)
    if note:
        _put(sheet, last + 2, 1, note)
    sheet.freeze_panes = "B2"
    _size_columns(sheet, skip_rows=[last + 2])


def _outlook(book: Workbook, content: ReportContent, lang: str) -> None:
    sheet = _sheet(book, "outlook", lang)
    section = content.outlook
    if section is None:
        _put(sheet, 1, 1, text("outlook_none", lang))
        sheet.column_dimensions["A"].width = MAX_WIDTH
        return
    _put(sheet, 1, 1, text("heading_outlook", lang, edition=integer(section.edition, lang)), font=TITLE)
    _put(sheet, 2, 1, section.line[lang])
    long_rows = [1, 2]
    row = _write_table(sheet, outlook_tables.figures(section, lang), top=4)
    parts = (
        ("heading_outlook_peers", outlook_tables.peers(section, lang), None),
        ("heading_levers", outlook_tables.levers(section, lang), "levers_note"),
        ("heading_record", outlook_tables.record(section, lang), "record_note"),
    )
    for heading, table, note in parts:
        row += 2
        _put(sheet, row, 1, text(heading, lang, edition=integer(section.edition, lang)), font=HEADING)
        long_rows.append(row)
        row = _write_table(sheet, table, top=row + 1)
        if note:
            row += 1
            _put(sheet, row, 1, text(note, lang))
            long_rows.append(row)
    for line in section.notes[lang]:
        row += 1
        _put(sheet, row, 1, line)
        long_rows.append(row)
    _size_columns(sheet, skip_rows=long_rows)


def _sources(book: Workbook, content: ReportContent, lang: str) -> None:
    sheet = _sheet(book, "sources", lang)
    last = _write_table(sheet, tables.provenance(content, lang))
    sheet.freeze_panes = "A2"
    method = content.methodology
    row = last + 2
    heading = text("heading_method", lang, edition=integer(content.edition, lang), method=method.id)
    _put(sheet, row, 1, heading, font=HEADING)
    _put(sheet, row + 1, 1, f"{method.title} · {text('method_' + method.status, lang)} · sha256 {method.checksum[:16]}")
    long_rows = [row, row + 1]
    row = _write_table(sheet, tables.method(content, lang), top=row + 2)
    extra = [text("source_targets", lang, file=content.targets_file)] if content.targets_file else []
    for note in [*extra, *notes(content, lang)]:
        row += 2
        _put(sheet, row, 1, note)
        long_rows.append(row)
    row += 2
    _put(sheet, row, 1, text("heading_attribution", lang), font=HEADING)
    long_rows.append(row)
    for line in attribution_lines(lang):
        row += 1
        _put(sheet, row, 1, line)
        long_rows.append(row)
    _size_columns(sheet, skip_rows=long_rows)


def build_workbook(content: ReportContent, lang: str = "en") -> bytes:
    """The report as an .xlsx file's bytes."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for part in (_cover, _summary, _history, _components, _peers, _targets, _outlook, _sources):
        part(book, content, lang)
    book.properties.title = neutralise(f"{text('workbook_title', lang)}: {content.name(lang)} {content.edition}")
    book.properties.creator = "egov-readiness-cambodia"
    output = BytesIO()
    book.save(output)
    return output.getvalue()
