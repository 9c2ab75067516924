"""The portal assessment sheet of the province data template: one row per questionnaire indicator, a column per province.

Layout (headers in the template's language; the reader finds everything by the codes in square brackets):

    row 1   title
    row 2   Questionnaire [questionnaire]   kh-losi-2022
    row 3   Assessment year [year]          2025
    row 4   how to answer
    row 6   Criterion [criterion] | Indicator [indicator] | Question [question] | Banteay Meanchey [KH-1] |
            Banteay Meanchey: source [KH-1 source] | Battambang [KH-2] | ...
    row 7…  one row per indicator of the questionnaire

Each answer cell has a yes/no drop-down; the source cell beside it holds where the answer was found (the page
address), so every value has its own source. An empty answer means "not assessed" and is not imported.

`questionnaire_from_raw` reads the sheet back: one tidy row per answer (indicator `losi:<questionnaire>:<code>`,
value 1 for yes and 0 for no, the year of the assessment, the source cell or else the file name), and every
problem located by sheet, row and column, in English and Khmer.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from indicators.entities import EntityRegister, load_provinces
from indicators.ingest.cells import blank, show
from indicators.ingest.issues import Issue, Location, make_issue
from indicators.ingest.sheets import RawFile, Sheet, cell_text, split_at_header
from indicators.ingest.validate import LONG_COLUMNS
from indicators.ingest.value_checks import YEAR_RANGE
from indicators.questionnaire import Questionnaire, QuestionnaireError, available_questionnaires, load_questionnaire

SHEET_NAME = {"en": "Portal assessment", "km": "ការវាយតម្លៃគេហទំព័រ"}
LABELS = {
    "questionnaire": {"en": "Questionnaire", "km": "កម្រងសំណួរ"},
    "year": {"en": "Assessment year", "km": "ឆ្នាំវាយតម្លៃ"},
    "criterion": {"en": "Criterion", "km": "លក្ខណៈវិនិច្ឆ័យ"},
    "indicator": {"en": "Indicator", "km": "សូចនាករ"},
    "question": {"en": "Question", "km": "សំណួរ"},
    "source": {"en": "source", "km": "ប្រភព"},
}
HOW_TO = {
    "en": "Answer yes when the feature is found on the province's official portal (or a page it links to) on the day of the "
    "assessment, no when it is not; in the source column beside it, give the address of the page. Leave a cell empty when "
    "the indicator was not assessed: a criterion is scored only when all its indicators are answered.",
    "km": "សូមឆ្លើយ «មាន» នៅពេលរកឃើញមុខងារនោះនៅលើគេហទំព័រផ្លូវការរបស់ខេត្ត (ឬទំព័រដែលវាភ្ជាប់ទៅ) នៅថ្ងៃវាយតម្លៃ "
    "និង «គ្មាន» នៅពេលរកមិនឃើញ។ នៅក្នុងជួរឈរប្រភពក្បែរនោះ សូមផ្តល់អាសយដ្ឋាននៃទំព័រនោះ។ សូមទុកក្រឡាឱ្យនៅទទេ "
    "នៅពេលមិនបានវាយតម្លៃសូចនាករនោះ៖ លក្ខណៈវិនិច្ឆ័យមួយទទួលបានពិន្ទុ លុះត្រាតែសូចនាកររបស់វាទាំងអស់ត្រូវបានឆ្លើយ។",
}
CHOICES = {"en": ("yes", "no"), "km": ("មាន", "គ្មាន")}
YES = {"yes", "y", "1", "true", "មាន", "បាទ", "ចាស", "បាទ/ចាស"}
NO = {"no", "n", "0", "false", "គ្មាន", "ទេ", "អត់"}
HEADER_ROW = 6
BRACKET = re.compile(r"\[\s*([^\[\]]+?)\s*\]\s*$")
SOURCE_SUFFIX = " source"
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")


def bracket(text: object) -> str:
    """The token in square brackets at the end of a cell ("Banteay Meanchey [KH-1]" → "KH-1"), else ""."""
    match = BRACKET.search(cell_text(text))
    return match.group(1) if match else ""


def is_questionnaire_header(header: list[str]) -> bool:
    tokens = [bracket(cell) for cell in header]
    return "indicator" in tokens and any(re.fullmatch(r"KH-\d+", token, re.IGNORECASE) for token in tokens)


def write_questionnaire_sheet(book: Workbook, lang: str, register: EntityRegister, questionnaire: Questionnaire | None = None) -> None:
    """Add the portal assessment sheet for every province of `register` (labels in `lang`) to `book`."""
    questionnaire = questionnaire or load_questionnaire()
    sheet = book.create_sheet(SHEET_NAME[lang])
    sheet.append([questionnaire.title(lang)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([f"{LABELS['questionnaire'][lang]} [questionnaire]", questionnaire.id])
    sheet.append([f"{LABELS['year'][lang]} [year]", None])
    sheet.append([HOW_TO[lang]])
    sheet["A4"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells("A4:F4")
    sheet.row_dimensions[4].height = 75
    sheet.append([])
    header = [f"{LABELS[key][lang]} [{key}]" for key in ("criterion", "indicator", "question")]
    for code in register.codes:
        name = register.name(code, lang)
        header += [f"{name} [{code}]", f"{name}: {LABELS['source'][lang]} [{code}{SOURCE_SUFFIX}]"]
    sheet.append(header)
    for cell in sheet[HEADER_ROW]:
        cell.fill, cell.font, cell.alignment = HEADER_FILL, Font(bold=True, color="FFFFFF"), Alignment(wrap_text=True, vertical="top")
    for criterion in questionnaire.criteria:
        for item in criterion.indicators:
            sheet.append([criterion.name(lang), item.code, item.text(lang)])
            sheet.cell(sheet.max_row, 3).alignment = Alignment(wrap_text=True, vertical="top")
    last = sheet.max_row
    year = DataValidation(type="whole", operator="between", formula1=str(YEAR_RANGE[0]), formula2=str(YEAR_RANGE[1]), allow_blank=True)
    year.add("B3")
    answers = DataValidation(type="list", formula1='"' + ",".join(CHOICES[lang]) + '"', allow_blank=True, showErrorMessage=True)
    for position in range(4, len(header) + 1, 2):
        letter = get_column_letter(position)
        answers.add(f"{letter}{HEADER_ROW + 1}:{letter}{last}")
    sheet.add_data_validation(year)
    sheet.add_data_validation(answers)
    for position, width in enumerate([22, 10, 60], start=1):
        sheet.column_dimensions[get_column_letter(position)].width = width
    for position in range(4, len(header) + 1):
        sheet.column_dimensions[get_column_letter(position)].width = 14 if position % 2 == 0 else 30
    sheet.row_dimensions[HEADER_ROW].height = 48
    sheet.freeze_panes = f"D{HEADER_ROW + 1}"


def _meta(sheet: Sheet, header_row: int) -> dict[str, tuple[int, str, object]]:
    """{token: (row, label, value)} of the `[questionnaire]` and `[year]` lines above the table."""
    numbered = zip(sheet.rows.index.tolist(), sheet.rows.to_numpy(dtype=object).tolist(), strict=True)
    rows = [(sheet.header_row, list(sheet.header)), *((int(n), cells) for n, cells in numbered if int(n) < header_row)]
    found: dict[str, tuple[int, str, object]] = {}
    for number, cells in rows:
        filled = [cell for cell in cells if not blank(cell)]
        token = bracket(filled[0]) if filled else ""
        if token in ("questionnaire", "year") and token not in found:
            found[token] = (number, cell_text(filled[0]), filled[1] if len(filled) > 1 else None)
    return found


def _answer(cell: object) -> float | None:
    """1.0 for yes, 0.0 for no, None for anything else (booleans and 1/0 count)."""
    if isinstance(cell, bool):
        return 1.0 if cell else 0.0
    text = show(cell).casefold()
    return 1.0 if text in YES else 0.0 if text in NO else None


def _columns(located: Sheet, file: str, register: EntityRegister) -> tuple[dict[str, int], list[tuple[int, str, int | None]], list[Issue]]:
    """(positions of criterion/indicator/question, [(answer position, province code, source position)], issues)."""
    fields: dict[str, int] = {}
    provinces: dict[str, int] = {}
    sources: dict[str, int] = {}
    issues: list[Issue] = []
    for position, text in enumerate(located.header):
        token = bracket(text)
        at = Location(file, located.name, located.header_row, text)
        if token in ("criterion", "indicator", "question"):
            fields.setdefault(token, position)
        elif token.casefold().endswith(SOURCE_SUFFIX):
            sources[token[: -len(SOURCE_SUFFIX)].strip().upper()] = position
        elif token:
            code = register.resolve(token)
            if code is None:
                near = ", ".join(register.suggest(token))
                code_of_issue = "unknown_entity" if near else "unknown_entity_no_suggestion"
                issues.append(make_issue("error", code_of_issue, at, value=token, kind="province", suggestions=near))
            elif code in provinces:
                issues.append(make_issue("error", "duplicate_province_column", at, value=register.name(code)))
            else:
                provinces[code] = position
    return fields, [(position, code, sources.get(code)) for code, position in provinces.items()], issues


def _questionnaire_and_year(sheet: Sheet, located: Sheet, file: str) -> tuple[Questionnaire | None, int | None, list[Issue]]:
    """The questionnaire and the assessment year named above the table, with the problems of those two lines."""
    meta = _meta(sheet, located.header_row)
    issues: list[Issue] = []
    questionnaire: Questionnaire | None = None
    if "questionnaire" not in meta or blank(meta["questionnaire"][2]):
        at = Location(file, located.name, located.header_row, "[questionnaire]")
        issues.append(make_issue("error", "questionnaire_sheet_no_id", at, example=available_questionnaires()[-1], label="[questionnaire]"))
    else:
        row, label, value = meta["questionnaire"]
        try:
            questionnaire = load_questionnaire(show(value))
        except QuestionnaireError:
            at = Location(file, located.name, row, label)
            issues.append(make_issue("error", "questionnaire_unknown", at, value=show(value), known=", ".join(available_questionnaires())))
    year: int | None = None
    if "year" not in meta or blank(meta["year"][2]):
        at = Location(file, located.name, located.header_row, "[year]")
        issues.append(make_issue("error", "questionnaire_sheet_no_year", at, label="[year]"))
    else:
        row, label, value = meta["year"]
        text = show(value)
        if re.fullmatch(r"\d{4}", text) and YEAR_RANGE[0] <= int(text) <= YEAR_RANGE[1]:
            year = int(text)
        else:
            at = Location(file, located.name, row, label)
            issues.append(make_issue("error", "bad_year", at, value=text, min=YEAR_RANGE[0], max=YEAR_RANGE[1]))
    return questionnaire, year, issues


def _read_sheet(sheet: Sheet, located: Sheet, file: str, register: EntityRegister) -> tuple[pd.DataFrame | None, list[Issue]]:
    """The answers of one sheet; an untouched sheet (no answer given) has none and needs no year."""
    fields, provinces, issues = _columns(located, file, register)
    numbered = zip(located.rows.index.tolist(), located.rows.to_numpy(dtype=object).tolist(), strict=True)
    answered = [(int(n), cells) for n, cells in numbered if any(not blank(cells[position]) for position, _, _ in provinces)]
    if not answered or "indicator" not in fields:
        return None, issues
    questionnaire, year, meta_issues = _questionnaire_and_year(sheet, located, file)
    issues = meta_issues + issues
    if questionnaire is None or year is None:
        return None, issues
    known = {item.code for item in questionnaire.indicators}
    rows = []
    indicator_column = located.header[fields["indicator"]]
    for number, cells in answered:
        code = show(cells[fields["indicator"]]).upper()
        at = Location(file, located.name, number, indicator_column)
        if not code:
            issues.append(make_issue("error", "missing_questionnaire_indicator", at))
            continue
        if code not in known:
            issues.append(make_issue("error", "unknown_questionnaire_indicator", at, value=code, questionnaire=questionnaire.id))
            continue
        for position, province, source in provinces:
            if blank(cells[position]):
                continue
            value = _answer(cells[position])
            if value is None:
                place = Location(file, located.name, number, located.header[position])
                issues.append(make_issue("error", "answer_not_yes_no", place, value=show(cells[position])))
                continue
            text = show(cells[source]) if source is not None else ""
            answer = questionnaire.answer_code(code)
            rows.append((province, year, answer, value, text or file, located.name, number, located.header[position], ""))
    frame = pd.DataFrame(rows, columns=LONG_COLUMNS)
    return frame.astype({"year": "Int64", "row": "Int64", "value": np.float64}), issues


def questionnaire_sheets(raw: RawFile) -> list[tuple[Sheet, Sheet]]:
    """(sheet, sheet split at its table header) of every portal assessment sheet of `raw`."""
    return [(sheet, found) for sheet in raw.sheets if (found := split_at_header(sheet, is_questionnaire_header, max_scan=20)) is not None]


def questionnaire_provinces(raw: RawFile) -> list[object]:
    """The province codes named in the headers of the portal assessment sheets (to choose the entity register)."""
    return [bracket(text) for _, located in questionnaire_sheets(raw) for text in located.header if re.fullmatch(r"KH-\d+", bracket(text))]


def questionnaire_from_raw(raw: RawFile) -> tuple[list[pd.DataFrame], list[Issue], bool]:
    """(tidy parts, issues, whether any portal assessment sheet was found) of a file: answers of every such sheet."""
    register = load_provinces()
    parts: list[pd.DataFrame] = []
    issues: list[Issue] = []
    found = questionnaire_sheets(raw)
    for sheet, located in found:
        frame, sheet_issues = _read_sheet(sheet, located, raw.path.name, register)
        issues += sheet_issues
        if frame is not None:
            parts.append(frame)
    return parts, issues, bool(found)
