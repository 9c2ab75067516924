"""The meaningful values of each publisher's download, read independently of the tool's readers: plain csv, zipfile
and calamine, the 193 ISO3 codes of data/countries.csv, and per file the series the EGDI uses, written out here.

A value is meaningful when it is a number in a cell of a used series, for a UN Member State (or a Cambodian
province), of a year from 1990 (the World Bank readers take another first year: the bundle keeps every year of adult
literacy), and (ITU baskets) of a year its basket definition covers.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

from python_calamine import CalamineWorkbook

from tests.conftest import PROJECT_DIR

Values = dict[tuple[str, int, str], float]
DATA = PROJECT_DIR / "data"
MISSING = {"", "..", "na", "n/a", "nan"}
WDI = {
    "IT.NET.USER.ZS": "internet_users_pct",
    "IT.CEL.SETS.P2": "mobile_subscriptions_per_100",
    "IT.MLT.MAIN.P2": "fixed_telephone_per_100",
    "IT.NET.BBND.P2": "fixed_broadband_per_100",
    "SE.ADT.LITR.ZS": "adult_literacy_pct",
    "SE.PRM.ENRR": "gross_enrolment_primary_pct",
    "SE.SEC.ENRR": "gross_enrolment_secondary_pct",
    "SE.TER.ENRR": "gross_enrolment_tertiary_pct",
}
ITU_CODES = {"i99H": "internet_users_pct", "i911mw": "mobile_broadband_per_100", "i992b": "fixed_broadband_per_100"}
BASKETS = {  # code: (our code, first year, last year)
    "i271mb_high_1GB5_GNI": ("mobile_basket_gni_pct", 2018, 2020),
    "i271mb_high_2GB_GNI": ("mobile_basket_gni_pct", 2021, 2024),
    "i271mb_high_5GB_GNI": ("mobile_basket_gni_pct", 2025, 2100),
    "i154_FBB_GNI": ("fixed_broadband_basket_gni_pct", 2008, 2017),
    "i154_FBB5_GNI": ("fixed_broadband_basket_gni_pct", 2018, 2100),
}
UNU = {"e-gov-rank": "rank_published", "e-gov-index": "egdi", "e-pat-index": "epi", "osi": "osi", "hci": "hci", "tii": "tii"}


def _rows(path: Path, encoding: str = "utf-8-sig") -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode(encoding), newline="")))


def members() -> set[str]:
    return {row["iso3"] for row in csv.DictReader((DATA / "countries.csv").open(encoding="utf-8"))}


def _key(name: str) -> str:
    return " ".join(name.replace("\u00a0", " ").split()).casefold()


def country_names() -> dict[str, str]:
    names = {_key(row["name_en"]): row["iso3"] for row in csv.DictReader((DATA / "countries.csv").open(encoding="utf-8"))}
    names |= {_key(row["name"]): row["iso3"] for row in csv.DictReader((DATA / "country_names.csv").open(encoding="utf-8"))}
    names |= {_key(row["name"]): row["iso3"] for row in csv.DictReader((DATA / "sources" / "country-names.csv").open(encoding="utf-8"))}
    return names


def province_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for row in csv.DictReader((DATA / "provinces.csv").open(encoding="utf-8")):
        for name in [row["name_en"], row["name_km"], *row["aliases"].split("|")]:
            names[_key(name)] = row["code"]
    return names


def _number(text: object) -> float | None:
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return float(text)
    cleaned = str(text).strip()
    return None if cleaned.casefold() in MISSING else float(cleaned)


def _put(found: Values, entity: str, year: object, code: str, cell: object, since: int = 1990) -> None:
    value = _number(cell)
    year_number = int(float(str(year)))
    if value is not None and year_number >= since:
        found[(entity, year_number, code)] = value


def _wide(table: list[list[object]], series_of: dict[str, str], since: int = 1990) -> Values:
    """A World Bank wide table: the header row starts with Country Name; years are 4-digit headers."""
    start = next(i for i, row in enumerate(table) if row and str(row[0]).strip() == "Country Name")
    header = [str(c).strip() for c in table[start]]
    years = {p: int(h[:4]) for p, h in enumerate(header) if re.fullmatch(r"\d{4}(\.0)?", h)}
    found: Values = {}
    countries = members()
    for row in table[start + 1 :]:
        if len(row) < 4 or str(row[1]) not in countries or str(row[3]) not in series_of:
            continue
        for position, year in years.items():
            if position < len(row):
                _put(found, str(row[1]), year, series_of[str(row[3])], row[position], since)
    return found


def worldbank_csv(path: Path, since: int = 1990) -> Values:
    return _wide(_rows(path), WDI, since)  # type: ignore[arg-type]


def worldbank_zip(path: Path) -> Values:
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if not n.startswith("Metadata") and n.endswith(".csv"))
        text = archive.read(name).decode("utf-8-sig")
    return _wide(list(csv.reader(io.StringIO(text, newline=""))), WDI)  # type: ignore[arg-type]


def worldbank_excel(path: Path) -> Values:
    return _wide(CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Data").to_python(), WDI)


def worldbank_long(path: Path, since: int = 1990) -> Values:
    code = WDI[path.parent.name]
    countries = members()
    found: Values = {}
    for _name, iso3, year, value in _rows(path)[1:]:
        if iso3 in countries:
            _put(found, iso3, year, code, value, since)
    return found


def data360(path: Path) -> Values:
    countries = members()
    found: Values = {}
    for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")):
        totals = all(row.get(d, "_T") in ("_T", "_Z", "") for d in ("SEX", "AGE", "URBANISATION"))
        if row["REF_AREA"] in countries and row["INDICATOR"] == "ITU_DH_ACT_MOB_PER_100" and totals:
            _put(found, row["REF_AREA"], row["TIME_PERIOD"], "mobile_broadband_per_100", row["OBS_VALUE"])
    return found


def itu_datahub(path: Path) -> Values:
    countries = members()
    found: Values = {}
    for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")):
        if row["entityIso"] in countries and row["seriesCode"] in ITU_CODES:
            _put(found, row["entityIso"], row["dataYear"], ITU_CODES[row["seriesCode"]], row["dataValue"])
    return found


def itu_country_file(path: Path) -> Values:
    """The per-100 (or %) block: the year columns under the title that names the unit."""
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    titles, years = rows[0], rows[1]
    wanted = next(p for p, t in enumerate(titles) if str(t).startswith("Percentage") or str(t).endswith("per 100 inhabitants"))
    code = "internet_users_pct" if str(titles[wanted]).startswith("Percentage") else "mobile_subscriptions_per_100"
    block = []
    for position in range(wanted, len(years)):
        if not re.fullmatch(r"\d{4}(\.0)?", str(years[position])):
            break
        block.append(position)
    names = country_names()
    found: Values = {}
    for row in rows[2:]:
        iso3 = names.get(_key(str(row[0])))
        if iso3 is not None:
            for position in block:
                _put(found, iso3, years[position], code, row[position])
    return found


def itu_baskets(path: Path) -> Values:
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("economies_2008-2025").to_python()
    header = [str(c) for c in rows[0]]
    years = {p: int(float(h)) for p, h in enumerate(header) if re.fullmatch(r"\d{4}(\.0)?", h)}
    countries = members()
    found: Values = {}
    for row in rows[1:]:
        if row[0] in countries and row[2] in BASKETS:
            code, first, last = BASKETS[str(row[2])]
            for position, year in years.items():
                if first <= year <= last:
                    _put(found, str(row[0]), year, code, row[position])
    return found


def undp(path: Path) -> Values:
    encoding = "utf-8-sig" if path.read_bytes()[:3] == b"\xef\xbb\xbf" else "latin-1"
    rows = _rows(path, encoding)
    header = rows[0]
    columns = {p: (m.group(1), int(m.group(2))) for p, h in enumerate(header) if (m := re.fullmatch(r"(eys|mys)_(\d{4})", h))}
    codes = {"eys": "expected_schooling_years", "mys": "mean_schooling_years"}
    countries = members()
    found: Values = {}
    for row in rows[1:]:
        if row[0] in countries:
            for position, (variable, year) in columns.items():
                _put(found, row[0], year, codes[variable], row[position])
    return found


def unu(path: Path) -> Values:
    edition = int(re.search(r"\d{4}", path.stem).group(0))  # type: ignore[union-attr]
    found: Values = {}
    for row in csv.DictReader(path.open(encoding="utf-8")):
        cells = {column: row[column] for column in UNU}
        if not cells["e-gov-rank"] and not any(_number(v) for v in cells.values()):
            continue  # not assessed (South Sudan 2010)
        for column, code in UNU.items():
            if cells[column]:
                found[(row["country-code"], edition, code)] = float(cells[column])
    return found


def nis(path: Path) -> Values:
    text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    names = province_names()
    return {(names[_key(r["Province"])], 2008, "adult_literacy_pct"): float(r["T_LIT15"]) for r in csv.DictReader(io.StringIO(text))}


def nothing(path: Path) -> Values:
    """Files none of whose series the EGDI uses (DataBank GDP, UIS enrolment counts)."""
    return {}


def reader_for(path: Path) -> tuple[str, object]:
    """(how the file is read, the independent reader) for a file of ../shared/reference/sources."""
    name, folder = path.name, path.parent.name
    table: Iterable[tuple[bool, object]] = (
        (folder in WDI, worldbank_long),
        (name.endswith(".zip"), worldbank_zip),
        (name.startswith("API_") and name.endswith((".xls", ".xlsx")), worldbank_excel),
        (name.startswith("API_"), worldbank_csv),
        (name.startswith("Data_Extract"), nothing),
        (name.startswith("data360"), data360),
        (name.startswith("ITU_ICTPriceBaskets"), itu_baskets),
        (folder == "itu" and name.endswith(".xls"), itu_country_file),
        (folder == "itu", itu_datahub),
        (folder == "undp", undp),
        (folder == "unesco", nothing),
        (folder == "unu-egov", unu),
        (folder == "cambodia-nis", nis),
    )
    reader = next(read for matches, read in table if matches)
    return getattr(reader, "__name__", ""), reader
