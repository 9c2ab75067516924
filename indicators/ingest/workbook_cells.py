"""What an .xlsx sheet's cell values do not show: formula errors and formulas that link to other files.

calamine reads a formula-error cell ("#DIV/0!") as empty and a formula's cached value as a plain value. Two cases
matter for correctness and are found here, in the sheet XML, for the sheets `workbook_guard` flagged:
- **formula errors** (`<c t="e"><v>#DIV/0!</v></c>`): the error text is put back into the cell, so the checks name it;
- **links to other workbooks or programs** (`<f>[1]Sheet1!A1</f>`, DDE links are external links too): the cached
  value may be stale, so such cells are listed and a value read from one is refused.
Only called when the workbook has such cells or external links; the XML is parsed with defusedxml.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import ElementTree

CellKey = tuple[int, int]  # (row as Excel shows it, 0-based column)
_REFERENCE = re.compile(r"([A-Z]+)(\d+)")
_EXTERNAL = re.compile(r"\[\d+\]")
_RELATIONSHIP = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


@dataclass(frozen=True)
class SheetCells:
    """Per sheet: the formula-error text of each error cell, and the formula of each cell linked to another file."""

    errors: dict[CellKey, str] = field(default_factory=dict)
    links: dict[CellKey, str] = field(default_factory=dict)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def column_number(letters: str) -> int:
    """0-based column of Excel letters ("A" → 0, "AA" → 26)."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number - 1


def column_letters(position: int) -> str:
    """Excel letters of a 0-based column (0 → "A")."""
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sheet_members(archive: zipfile.ZipFile) -> dict[str, str]:
    """The zip member of each sheet, by sheet name (from xl/workbook.xml and its relationships)."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {item.get("Id"): item.get("Target", "") for item in relations.iter() if _local(item.tag) == "Relationship"}
    members: dict[str, str] = {}
    for sheet in workbook.iter():
        if _local(sheet.tag) != "sheet":
            continue
        target = targets.get(sheet.get(_RELATIONSHIP), "")
        member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        members[sheet.get("name", "")] = member
    return members


def _scan(archive: zipfile.ZipFile, member: str, want_links: bool) -> SheetCells:
    found = SheetCells()
    with archive.open(member) as stream:
        for _, element in ElementTree.iterparse(stream):
            if _local(element.tag) != "c":
                continue
            match = _REFERENCE.fullmatch(element.get("r", ""))
            if match is not None:
                key = (int(match.group(2)), column_number(match.group(1)))
                children = {_local(child.tag): child.text or "" for child in element}
                if element.get("t") == "e":
                    found.errors[key] = children.get("v", "").strip()
                formula = children.get("f", "")
                if want_links and _EXTERNAL.search(formula):
                    found.links[key] = formula
            element.clear()
    return found


def special_cells(path: Path, error_members: frozenset[str], external_links: bool) -> dict[str, SheetCells]:
    """Error cells and linked cells of each sheet that may hold them, by sheet name."""
    if not error_members and not external_links:
        return {}
    with zipfile.ZipFile(path) as archive:
        members = sheet_members(archive)
        return {
            name: _scan(archive, member, external_links)
            for name, member in members.items()
            if member in error_members or (external_links and member in archive.namelist())
        }
