"""The national data template: an .xlsx workbook to fill in (Excel or LibreOffice) and import.

`write_template` writes: a README sheet (instructions in Khmer and English); one sheet per domain (Online
services, Telecom infrastructure, Human capital, E-participation) with columns Country (or Province), Year and
one column per indicator of the domain, whose header shows the name and unit and ends with the indicator code in
square brackets ("Internet users (% of population) [internet_users_pct]"); cell validation (a drop-down of
entities from a hidden list sheet, whole years 1990–2100, decimals within each indicator's valid range); and a
Sources sheet (code, name, source, data vintage, notes per indicator).

`template_from_raw` reads a filled-in template: one tidy row per non-empty indicator cell, whatever the
language of the sheet names and headers (columns are found by the code in brackets), with its source from the
Sources sheet (else the file name).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from indicators.catalogue import Indicator, load_catalogue
from indicators.entities import EntityRegister, load_register
from indicators.ingest.cells import blank_mask, show
from indicators.ingest.entity_match import guess_register
from indicators.ingest.finish import finish, refused
from indicators.ingest.issues import Issue, Location, make_issue
from indicators.ingest.mappings import alias_key
from indicators.ingest.questionnaire_sheet import (
    is_questionnaire_header,
    questionnaire_from_raw,
    questionnaire_provinces,
    write_questionnaire_sheet,
)
from indicators.ingest.readers import read_file
from indicators.ingest.result import LoadResult
from indicators.ingest.sheets import RawFile, Sheet, split_at_header
from indicators.ingest.validate import CANDIDATE_COLUMNS, Candidates, Checked, check_candidates
from indicators.ingest.value_checks import YEAR_RANGE

DOMAIN_SHEETS: dict[str, dict[str, str]] = {
    "online_services": {"en": "Online services", "km": "សេវាអនឡាញ"},
    "telecom": {"en": "Telecom infrastructure", "km": "ហេដ្ឋារចនាសម្ព័ន្ធទូរគមនាគមន៍"},
    "human_capital": {"en": "Human capital", "km": "មូលធនមនុស្ស"},
    "e_participation": {"en": "E-participation", "km": "ការចូលរួមតាមអេឡិចត្រូនិក"},
}
ENTITY_LABELS = {"country": {"en": "Country", "km": "ប្រទេស"}, "province": {"en": "Province", "km": "ខេត្ត"}}
YEAR_LABEL = {"en": "Year", "km": "ឆ្នាំ"}
SOURCES_SHEET = {"en": "Sources", "km": "ប្រភព"}
SOURCES_HEADER = {
    "en": ["Indicator code", "Indicator", "Source", "Data vintage", "Notes"],
    "km": ["កូដសូចនាករ", "សូចនាករ", "ប្រភព", "ការចេញផ្សាយទិន្នន័យ", "កំណត់សម្គាល់"],
}
README_SHEET = "README"
LISTS_SHEET = "Lists"
TEMPLATE_ROWS = 5000  # rows that carry the cell validation
LANGUAGES = ("en", "km")
ENTITY_KINDS = ("country", "province")

# Header keys (`alias_key`) the reader accepts, in both languages, besides "[entity]" and "[year]".
ENTITY_KEYS = {"entity", "country", "province", "country name", "province name", "economy", "ប្រទេស", "ខេត្ត", "អង្គភាព", "ខេត្ត រាជធានី"}
YEAR_KEYS = {"year", "ឆ្នាំ"}
SOURCE_KEYS = {
    "code": {"indicator code", "code", "កូដសូចនាករ", "កូដ"},
    "source": {"source", "data source", "ប្រភព", "ប្រភពទិន្នន័យ"},
    "vintage": {"data vintage", "vintage", "ការចេញផ្សាយទិន្នន័យ", "ជំនាន់ទិន្នន័យ"},
}
BRACKET = re.compile(r"\[\s*([^\[\]]+?)\s*\]\s*$")
CODE_LIKE = re.compile(r"[a-z][a-z0-9_]*")

README: dict[str, dict[str, list[str]]] = {
    "en": {
        "title": ["National data template: e-government readiness indicators of {kinds}"],
        "body": [
            "What this is: a workbook to collect the national indicator values that feed Cambodia's e-government readiness "
            "scores (the UN DESA EGDI method). One sheet per domain: Online services, Telecom infrastructure, Human capital, "
            "E-participation.",
            "How to fill it in:",
            "• One row per {kind} and year. Choose the {kind} from the drop-down list in the first column and type the year "
            "({low}–{high}) in the second.",
            "• Type each value as a number, in the unit shown in the column header (60.5 for 60.5 %). Leave a cell empty when "
            "the value is not known: never type 0 for an unknown value.",
            "• Each value must lie within the indicator's valid range; Excel and LibreOffice refuse other values as you type.",
            "• Keep the code in square brackets at the end of each header, such as [internet_users_pct]: it tells the import "
            "which indicator a column holds. Columns may be moved; empty rows are ignored.",
            "• Fill in the Sources sheet: for each indicator, where the values come from and the data vintage (the edition "
            "or release date).",
            "How to import: on the Data page of the dashboard, or with the command  python -m indicators import FILE.xlsx . "
            "Every problem is listed with its sheet, row and column; nothing is imported until the file has no errors.",
        ],
    },
    "km": {
        "title": ["គំរូទិន្នន័យជាតិ៖ សូចនាករនៃការត្រៀមខ្លួនរដ្ឋាភិបាលអេឡិចត្រូនិករបស់{kinds_km}"],
        "body": [
            "អំពីឯកសារនេះ៖ សៀវភៅបញ្ជីនេះសម្រាប់ប្រមូលតម្លៃសូចនាករជាតិ ដែលប្រើដើម្បីគណនាពិន្ទុនៃការត្រៀមខ្លួនរដ្ឋាភិបាលអេឡិចត្រូនិក"
            "របស់កម្ពុជា (តាមវិធីសាស្ត្រ EGDI របស់ UN DESA)។ សន្លឹកនីមួយៗសម្រាប់វិស័យមួយ៖ សេវាអនឡាញ ហេដ្ឋារចនាសម្ព័ន្ធទូរគមនាគមន៍ "
            "មូលធនមនុស្ស និងការចូលរួមតាមអេឡិចត្រូនិក។",
            "របៀបបំពេញ៖",
            "• មួយជួរដេកសម្រាប់{kind_km}មួយ និងឆ្នាំមួយ។ សូមជ្រើសរើស{kind_km}ពីបញ្ជីទម្លាក់ចុះនៅជួរឈរទីមួយ ហើយវាយឆ្នាំ ({low}–{high}) នៅជួរឈរទីពីរ។",
            "• សូមវាយតម្លៃនីមួយៗជាលេខ តាមឯកតាដែលបង្ហាញនៅក្បាលជួរឈរ (ឧទាហរណ៍ 60.5 សម្រាប់ 60.5 %)។ "
            "បើមិនដឹងតម្លៃ សូមទុកក្រឡានោះឱ្យនៅទទេ៖ កុំវាយ 0 ជំនួសតម្លៃដែលមិនដឹង។",
            "• តម្លៃនីមួយៗត្រូវស្ថិតនៅក្នុងចន្លោះត្រឹមត្រូវនៃសូចនាករ។ Excel និង LibreOffice នឹងបដិសេធតម្លៃផ្សេងពីនេះនៅពេលអ្នកវាយបញ្ចូល។",
            "• សូមរក្សាកូដនៅក្នុងវង់ក្រចកជ្រុងនៅចុងក្បាលជួរឈរនីមួយៗ ដូចជា [internet_users_pct]៖ "
            "កូដនេះប្រាប់ប្រព័ន្ធនាំចូលថាជួរឈរនោះជាសូចនាករណា។ អាចផ្លាស់ទីជួរឈរបាន ហើយជួរដេកទទេនឹងត្រូវបានរំលង។",
            "• សូមបំពេញសន្លឹក «ប្រភព»៖ សម្រាប់សូចនាករនីមួយៗ សូមបញ្ជាក់ប្រភពនៃតម្លៃ និងការចេញផ្សាយទិន្នន័យ (លេខបោះពុម្ព ឬកាលបរិច្ឆេទចេញផ្សាយ)។",
            "របៀបនាំចូល៖ នៅទំព័រ «ទិន្នន័យ» នៃផ្ទាំងព័ត៌មាន ឬដោយប្រើពាក្យបញ្ជា  python -m indicators import FILE.xlsx ។ "
            "បញ្ហានីមួយៗត្រូវបានរាយបញ្ជីជាមួយសន្លឹក ជួរដេក និងជួរឈររបស់វា។ គ្មានទិន្នន័យណាមួយត្រូវបាននាំចូលទេ រហូតដល់ឯកសារគ្មានកំហុស។",
        ],
    },
}
KINDS_TEXT = {
    "country": {"kinds": "countries", "kind": "country", "kinds_km": "ប្រទេស", "kind_km": "ប្រទេស"},
    "province": {"kinds": "Cambodia's provinces", "kind": "province", "kinds_km": "ខេត្តនៃកម្ពុជា", "kind_km": "ខេត្ត"},
}
VALIDATION = {
    "en": {
        "value_title": "Value outside the valid range",
        "value": "{name}: type a number from {min} to {max} ({unit}). Leave the cell empty when the value is not known.",
        "prompt": "A number from {min} to {max} ({unit}).",
        "year_title": "Not a year",
        "year": "Type a whole year from {low} to {high}.",
        "entity_title": "Not in the list",
        "entity": "Choose a {kind} from the drop-down list; names must be written as in the list.",
    },
    "km": {
        "value_title": "តម្លៃក្រៅចន្លោះត្រឹមត្រូវ",
        "value": "{name}៖ សូមវាយលេខពី {min} ដល់ {max} ({unit})។ បើមិនដឹងតម្លៃ សូមទុកក្រឡាឱ្យនៅទទេ។",
        "prompt": "លេខពី {min} ដល់ {max} ({unit})។",
        "year_title": "មិនមែនជាឆ្នាំ",
        "year": "សូមវាយឆ្នាំជាចំនួនគត់ពី {low} ដល់ {high}។",
        "entity_title": "មិនមាននៅក្នុងបញ្ជី",
        "entity": "សូមជ្រើសរើស{kind_km}ពីបញ្ជីទម្លាក់ចុះ។ ឈ្មោះត្រូវសរសេរដូចនៅក្នុងបញ្ជី។",
    },
}
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")


def indicator_header(spec: Indicator, lang: str = "en") -> str:
    """A template column header: name, unit, and the code in brackets ("Internet users (% of population) [internet_users_pct]")."""
    return f"{spec.name(lang)} ({spec.unit(lang)}) [{spec.code}]"


def _domains() -> dict[str, list[Indicator]]:
    catalogue = load_catalogue()
    return {domain: [spec for spec in catalogue.values() if spec.domain == domain] for domain in DOMAIN_SHEETS}


def _style_header(sheet: Worksheet, widths: list[float]) -> None:
    for cell in sheet[1]:
        cell.fill, cell.font, cell.alignment = HEADER_FILL, HEADER_FONT, WRAP_TOP
    for position, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = width
    sheet.row_dimensions[1].height = 62
    sheet.freeze_panes = "A2"


def _validation(
    kind: Literal["whole", "decimal", "list"],
    error_title: str,
    error: str,
    formula1: str,
    formula2: str | None = None,
    prompt_title: str | None = None,
    prompt: str | None = None,
) -> DataValidation:
    """A cell rule that stops a wrong entry with a message; numeric rules are `between` formula1 and formula2."""
    return DataValidation(
        type=kind,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle=error_title[:32],
        error=error[:255],
        formula1=formula1,
        formula2=formula2,
        operator=None if kind == "list" else "between",
        showInputMessage=prompt is not None,
        promptTitle=prompt_title[:32] if prompt_title else None,
        prompt=prompt[:255] if prompt else None,
    )


def write_template(path: str | Path, lang: str = "en", entity_kind: str = "country") -> Path:
    """Write the national data template to `path` (.xlsx): headers and labels in `lang` ("en" or "km"), README in
    both languages, entities of `entity_kind` ("country": the 193 UN Member States; "province": Cambodia's 25)."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}, not {lang!r}")
    if entity_kind not in ENTITY_KINDS:
        raise ValueError(f"entity_kind must be one of {ENTITY_KINDS}, not {entity_kind!r}")
    path = Path(path)
    register = load_register(entity_kind)
    words = {**KINDS_TEXT[entity_kind], "low": YEAR_RANGE[0], "high": YEAR_RANGE[1]}
    texts = VALIDATION[lang]
    book = Workbook()
    readme = book.active
    assert readme is not None
    readme.title = README_SHEET
    _write_readme(readme, lang, words)

    names = sorted({register.name(code, lang) for code in register.codes}, key=str.casefold)
    lists = book.create_sheet(LISTS_SHEET)
    lists.append([ENTITY_LABELS[entity_kind][lang]])
    for name in names:
        lists.append([name])
    lists.sheet_state = "hidden"
    entity_range = f"'{LISTS_SHEET}'!$A$2:$A${len(names) + 1}"

    last = TEMPLATE_ROWS
    for domain, specs in _domains().items():
        sheet = book.create_sheet(DOMAIN_SHEETS[domain][lang])
        sheet.append([ENTITY_LABELS[entity_kind][lang], YEAR_LABEL[lang], *(indicator_header(s, lang) for s in specs)])
        _style_header(sheet, [30, 9, *([24] * len(specs))])
        sheet.freeze_panes = "C2"
        entity = _validation("list", texts["entity_title"], texts["entity"].format(**words), formula1=entity_range)
        year = _validation("whole", texts["year_title"], texts["year"].format(**words), str(YEAR_RANGE[0]), str(YEAR_RANGE[1]))
        entity.add(f"A2:A{last}")
        year.add(f"B2:B{last}")
        sheet.add_data_validation(entity)
        sheet.add_data_validation(year)
        for position, spec in enumerate(specs, start=3):
            limits = {"name": spec.name(lang), "min": f"{spec.min:g}", "max": f"{spec.max:g}", "unit": spec.unit(lang)}
            value = _validation(
                "decimal",
                texts["value_title"],
                texts["value"].format(**limits),
                f"{spec.min:g}",
                f"{spec.max:g}",
                prompt_title=spec.code,
                prompt=texts["prompt"].format(**limits),
            )
            letter = get_column_letter(position)
            value.add(f"{letter}2:{letter}{last}")
            sheet.add_data_validation(value)

    sources = book.create_sheet(SOURCES_SHEET[lang])
    sources.append(SOURCES_HEADER[lang])
    for specs in _domains().values():
        for spec in specs:
            sources.append([spec.code, f"{spec.name(lang)} ({spec.unit(lang)})", "", "", spec.note])
    _style_header(sources, [30, 48, 36, 18, 48])
    if entity_kind == "province":
        write_questionnaire_sheet(book, lang, register)
    book.move_sheet(LISTS_SHEET, offset=len(book.sheetnames))
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _write_readme(sheet: Worksheet, lang: str, words: dict[str, object]) -> None:
    order = [lang, *(other for other in LANGUAGES if other != lang)]
    for number, language in enumerate(order):
        if number:
            sheet.append([])
        title = README[language]["title"][0].format(**words)
        sheet.append([title])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=14)
        for line in README[language]["body"]:
            sheet.append([line.format(**words)])
            cell = sheet.cell(sheet.max_row, 1)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if not line.startswith("•") and line.endswith((":", "៖")):
                cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 120


# ---------------------------------------------------------------------------------------------------------------
# Reading a filled-in template


def header_code(text: str) -> str | None:
    """The code in square brackets at the end of a header, if it looks like a code ("... [internet_users_pct]")."""
    match = BRACKET.search(str(text))
    if not match:
        return None
    token = match.group(1).strip()
    return token if CODE_LIKE.fullmatch(token) else None


def is_domain_header(header: list[str]) -> bool:
    """A domain sheet's header: some column ends with an indicator code of the catalogue in brackets."""
    catalogue = load_catalogue()
    return any(header_code(h) in catalogue for h in header)


def is_template_header(header: list[str]) -> bool:
    """A header of the template: a domain sheet's, or the portal assessment sheet's (province template)."""
    return is_domain_header(header) or is_questionnaire_header(header)


def _field_position(header: list[str], keys: set[str], token: str) -> int:
    for position, text in enumerate(header):
        if header_code(text) == token or alias_key(text) in keys:
            return position
    return -1


def template_sheets(raw: RawFile) -> list[Sheet]:
    return [found for sheet in raw.sheets if (found := split_at_header(sheet, is_domain_header, max_scan=10)) is not None]


def entity_names(raw: RawFile) -> list[object]:
    names: list[object] = []
    for sheet in template_sheets(raw):
        position = _field_position(sheet.header, ENTITY_KEYS, "entity")
        if position >= 0:
            names += sheet.rows[position].tolist()
    return names + questionnaire_provinces(raw)


def sources_of(raw: RawFile) -> dict[str, str]:
    """The source of each indicator code named in a Sources sheet ("source (vintage)")."""
    found: dict[str, str] = {}

    def is_sources_header(header: list[str]) -> bool:
        keys = {alias_key(h) for h in header}
        return bool(keys & SOURCE_KEYS["code"]) and bool(keys & SOURCE_KEYS["source"])

    for sheet in raw.sheets:
        located = split_at_header(sheet, is_sources_header, max_scan=5)
        if located is None:
            continue
        keys = [alias_key(h) for h in located.header]
        position = {field: next(i for i, k in enumerate(keys) if k in names) for field, names in SOURCE_KEYS.items() if set(keys) & names}
        for cells in located.rows.itertuples(index=False, name=None):
            code = show(cells[position["code"]])
            code = header_code(code) or code
            source = show(cells[position["source"]])
            vintage = show(cells[position["vintage"]]) if "vintage" in position else ""
            if code and source:
                found[code] = f"{source} ({vintage})" if vintage else source
    return found


def _sheet_candidates(sheet: Sheet, file: str, sources: dict[str, str], kind: str) -> tuple[Candidates | None, list[Issue]]:
    catalogue = load_catalogue()
    header = sheet.header
    issues: list[Issue] = []
    entity_pos = _field_position(header, ENTITY_KEYS, "entity")
    year_pos = _field_position(header, YEAR_KEYS, "year")
    found = ", ".join(h for h in header if h)
    for position, label in ((entity_pos, ENTITY_LABELS[kind]["en"]), (year_pos, YEAR_LABEL["en"])):
        if position < 0:
            issues.append(make_issue("error", "missing_column", Location(file, sheet.name, sheet.header_row, label), found=found))
    columns: list[tuple[int, str]] = []
    for position, text in enumerate(header):
        code = header_code(text)
        if code is None or code in ("entity", "year"):
            continue
        if code not in catalogue:
            at = Location(file, sheet.name, sheet.header_row, text)
            issues.append(make_issue("error", "unknown_indicator", at, value=code, known=", ".join(catalogue)))
            continue
        columns.append((position, code))
    if entity_pos < 0:
        return None, issues
    parts = []
    for position, code in columns:
        cells = sheet.rows[position].to_numpy(dtype=object)
        keep = ~blank_mask(cells)
        if not keep.any():
            continue
        chosen = sheet.rows.loc[keep]
        parts.append(
            pd.DataFrame(
                {
                    "row": chosen.index.to_numpy(),
                    "entity": chosen[entity_pos].to_numpy(dtype=object),
                    "code": None,
                    "year": chosen[year_pos].to_numpy(dtype=object) if year_pos >= 0 else None,
                    "indicator": code,
                    "value": cells[keep],
                    "value_pos": position,
                    "source": sources.get(code, ""),
                }
            )
        )
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=CANDIDATE_COLUMNS)
    if not frame.empty:
        frame = frame.sort_values(["row", "value_pos"], kind="stable").reset_index(drop=True)
    frame["row"] = frame["row"].astype(np.int64)
    frame["value_pos"] = frame["value_pos"].astype(np.int64)
    return Candidates(sheet, frame, entity_pos=entity_pos, year_pos=year_pos), issues


def template_from_raw(raw: RawFile, register: EntityRegister | None = None) -> LoadResult:
    """Tidy rows of a filled-in national data template: one per non-empty indicator cell. Without a register, the
    country or province register is chosen from the entity names."""
    file = raw.path.name
    register = register or guess_register(entity_names(raw))
    sources = sources_of(raw)
    issues: list[Issue] = []
    checked: list[Checked] = []
    matching = template_sheets(raw)
    answers, answer_issues, answered = questionnaire_from_raw(raw)
    if not matching and not answered:
        first = raw.sheets[0]
        at = Location(file, first.name, first.header_row, "[internet_users_pct]")
        issues.append(make_issue("error", "missing_column", at, found=", ".join(h for h in first.header if h)))
    for sheet in matching:
        candidates, sheet_issues = _sheet_candidates(sheet, file, sources, register.kind)
        issues += sheet_issues
        if candidates is not None:
            checked.append(check_candidates(candidates, file, register))
    checked += [Checked(frame, []) for frame in answers]
    own_lists = [note for note in raw.notes if not (note.code == "hidden_sheet" and note.sheet == LISTS_SHEET)]
    return finish(
        replace(raw, notes=own_lists),
        checked,
        [*issues, *answer_issues],
        matched=bool(matching) or answered,
        format="template",
        entity_kind=register.kind,
    )


def read_template(path: str | Path, register: EntityRegister | None = None) -> LoadResult:
    """Read a filled-in national data template (nothing is kept when there are errors)."""
    raw, issues = read_file(path)
    if raw is None:
        return refused(path, issues, "template")
    return template_from_raw(raw, register)
