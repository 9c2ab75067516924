import csv
from pathlib import Path

import pytest

from indicators.entities import fold_name, load_countries, load_provinces
from indicators.paths import DATA_DIR

COUNTRIES = load_countries()
ASEAN = {"BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM", "TLS"}


def test_all_193_member_states_with_unique_codes():
    table = COUNTRIES.table
    assert len(table) == 193 and table.index.is_unique and table["m49"].is_unique
    assert set(table["region"]) == {"Africa", "Americas", "Asia", "Europe", "Oceania"}
    assert table.loc["KHM", ["m49", "region", "sub_region"]].tolist() == ["116", "Asia", "South-eastern Asia"]


def test_asean_members_have_khmer_names_and_ldc_status():
    table = COUNTRIES.table
    assert set(table.index[table["asean"]]) == ASEAN
    assert all(COUNTRIES.name(code, "km") != COUNTRIES.name(code, "en") for code in ASEAN)
    assert COUNTRIES.name("KHM", "km") == "កម្ពុជា" and COUNTRIES.name("THA", "km") == "ថៃ"
    assert table.loc["KHM", "ldc"] and not table.loc["SGP", "ldc"] and int(table["ldc"].sum()) == 44


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("Turkiye", "TUR"),
        ("The former Yugoslav Republic of Macedonia", "MKD"),
        ("North Macedonia", "MKD"),
        ("Swaziland", "SWZ"),
        ("Eswatini", "SWZ"),
        ("Czech Republic", "CZE"),
        ("Czechia", "CZE"),
        ("  Cambodia  ", "KHM"),
        ("CAMBODIA", "KHM"),
        ("khm", "KHM"),
        ("Lao PDR", "LAO"),
        ("Viet Nam", "VNM"),
        ("Vietnam", "VNM"),
        ("Côte d’Ivoire", "CIV"),
        ("Korea, Rep.", "KOR"),
    ],
)
def test_name_variants_resolve(name, iso3):
    assert COUNTRIES.resolve(name) == iso3


def test_unknown_names_get_close_suggestions():
    assert COUNTRIES.resolve("Cambodai") is None
    assert COUNTRIES.suggest("Cambodai")[0] == "Cambodia"
    assert COUNTRIES.suggest("Thialand")[0] == "Thailand"
    assert COUNTRIES.suggest("zzzzzz") == []


def test_fold_name_ignores_case_spacing_accents_and_apostrophes():
    assert fold_name("  Côte  d’Ivoire ") == fold_name("cote d'ivoire")


def test_every_name_in_every_reference_file_maps_to_a_distinct_country(reference_dir: Path):
    files = sorted(reference_dir.glob("EGOV_*.csv"))
    assert len(files) == 13  # 12 editions and the 2022 file with regions
    for path in files:
        with path.open(encoding="utf-8") as handle:
            names = [row["Country Name"] for row in csv.DictReader(handle)]
        codes = [COUNTRIES.resolve(n) for n in names]
        assert None not in codes, [n for n, c in zip(names, codes, strict=True) if c is None]
        assert len(set(codes)) == 193, path.name


def test_regions_agree_with_the_desa_regions_file_except_its_known_errors(reference_dir: Path):
    with (reference_dir / "EGOV_WITH_REGIONS_DATA_2022.csv").open(encoding="utf-8") as handle:
        desa = {COUNTRIES.resolve(r["Country Name"]): r["Region"] for r in csv.DictReader(handle)}
    differing = {code for code, region in desa.items() if COUNTRIES.table.at[code, "region"] != region}
    assert differing == {"CYP", "GEO", "NIC", "TON"}  # documented in data/SOURCES-countries.md


def test_members_not_yet_admitted_are_known():
    table = COUNTRIES.table
    assert table.loc["MNE", "un_member_since"] == 2006 and table.loc["SSD", "un_member_since"] == 2011


def test_provinces_register():
    provinces = load_provinces()
    assert len(provinces.codes) == 25 and provinces.codes[0] == "KH-1"
    assert provinces.resolve("Phnom Penh") == "KH-12" and provinces.resolve("ភ្នំពេញ") == "KH-12"
    assert provinces.resolve("Sihanoukville") == "KH-18" and provinces.resolve("kh-17") == "KH-17"
    assert provinces.suggest("Siem Reab")[0] == "Siem Reap"


def test_country_names_file_never_gives_one_name_to_two_countries():
    with (DATA_DIR / "country_names.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    owners: dict[str, set[str]] = {}
    for row in rows:
        owners.setdefault(fold_name(row["name"]), set()).add(row["iso3"])
    assert all(len(codes) == 1 for codes in owners.values())


NIS_DIR = Path(__file__).resolve().parents[3] / "shared" / "reference" / "sources" / "cambodia-nis"


def test_every_nis_census_province_resolves_to_the_iso_code_of_its_ncdd_number():
    path = NIS_DIR / "literacy_rate_province.csv"
    if not path.is_file():
        pytest.skip(f"NIS reference file not found: {path}")
    rows = [line.split(",") for line in path.read_text(encoding="utf-8").replace("\r", "\n").splitlines()[1:] if line]
    provinces = load_provinces()
    assert len(rows) == 24  # census 2008: before Tboung Khmum was split from Kampong Cham in 2013
    assert {row[1]: provinces.resolve(row[1]) for row in rows} == {row[1]: f"KH-{row[0]}" for row in rows}


def test_natural_earth_admin1_names_resolve():
    provinces = load_provinces()
    names = {"Siemréab": "KH-17", "Kâmpóng Spœ": "KH-5", "Stœng Trêng": "KH-19", "Rôtânôkiri": "KH-16", "Krong Preah Sihanouk": "KH-18"}
    assert {name: provinces.resolve(name) for name in names} == names
