"""Publisher layouts with generated files, for what the real downloads in ../shared do not show: DataBank with time
as rows, UIS gross enrolment ratios (and the derived combined ratio), SDMX breakdowns, the options a user gives
(--indicator, --edition, --year), Khmer province tables, and oversized zips."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from indicators.ingest.derived import DERIVED_FLAG
from indicators.ingest.describe import describe
from indicators.ingest.loaders import load_file
from indicators.ingest.result import LoadOptions


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _values(result: object) -> dict[tuple[str, int, str], float]:
    tidy = result.tidy  # type: ignore[attr-defined]
    return {(r.entity, int(r.year), r.indicator): r.value for r in tidy.itertuples()}


def test_a_databank_export_with_time_as_rows(tmp_path: Path):
    path = _write(
        tmp_path / "Data_Extract_From_World_Development_Indicators.csv",
        "Time,Time Code,Country Name,Country Code,Mobile cellular subscriptions (per 100 people) [IT.CEL.SETS.P2],"
        "Mobile cellular subscriptions [IT.CEL.SETS],Individuals using the Internet (% of population) [IT.NET.USER.ZS]\n"
        "2021,YR2021,Cambodia,KHM,120.2,20000000,55.6\n"
        "2022,YR2022,Cambodia,KHM,..,21000000,56.7\n"
        "2022,YR2022,World,WLD,108.1,8500000000,64.4\n"
        ",,,,,,\n"
        "Data from database: World Development Indicators,,,,,,\n"
        "Last Updated: 12/16/2024,,,,,,\n",
    )
    result = load_file(path)
    assert result.ok and result.layout == "worldbank_databank_time"
    assert _values(result) == {
        ("KHM", 2021, "mobile_subscriptions_per_100"): 120.2,
        ("KHM", 2021, "internet_users_pct"): 55.6,
        ("KHM", 2022, "internet_users_pct"): 56.7,
    }
    assert {i.code for i in result.issues} == {"aggregates_skipped", "series_not_used"}
    assert "IT.CEL.SETS" in next(i.message for i in result.issues if i.code == "series_not_used")


UIS_HEADER = '"EDULIT_IND","Indicator","LOCATION","Country","TIME","Time","Value","Flag Codes","Flags"\n'


def test_uis_gross_enrolment_by_level_and_the_derived_combined_ratio(tmp_path: Path):
    rows = [
        ("GER_1", "Gross enrolment ratio, primary, both sexes (%)", "KHM", 2019, "108.5", "", ""),
        ("GER_2T3", "Gross enrolment ratio, secondary, both sexes (%)", "KHM", 2019, "54.1", "‡", "UIS Estimation"),
        ("GER_5T8", "Gross enrolment ratio, tertiary, both sexes (%)", "KHM", 2019, "14.7", "", ""),
        ("GER_1", "Gross enrolment ratio, primary, both sexes (%)", "THA", 2019, "100.1", "", ""),
        ("LR_AG15T99", "Adult literacy rate, population 15+ years, both sexes (%)", "KHM", 2015, "80.5", "", ""),
        ("20062", "Enrolment in primary education, both sexes (number)", "KHM", 2019, "2200000", "", ""),
        ("GER_1", "Gross enrolment ratio, primary, both sexes (%)", "AFG", 2019, "", "a", "Category not applicable"),
    ]
    body = "".join(f'"{c}","{n}","{iso}","x","{y}","{y}",{v},{f},{fl}\n' for c, n, iso, y, v, f, fl in rows)
    result = load_file(_write(tmp_path / "EDULIT_DS.csv", UIS_HEADER + body))
    assert result.ok and result.layout == "uis"
    values = _values(result)
    assert values[("KHM", 2019, "gross_enrolment_primary_pct")] == 108.5 and values[("THA", 2019, "gross_enrolment_primary_pct")] == 100.1
    assert values[("KHM", 2015, "adult_literacy_pct")] == 80.5
    combined = result.tidy.set_index("indicator").loc["gross_enrolment_pct"]
    assert combined["value"] == pytest.approx((6 * 108.5 + 6 * 54.1 + 5 * 14.7) / 17)
    assert combined["flags"] == DERIVED_FLAG and "derived" in combined["source"]
    assert ("THA", 2019, "gross_enrolment_pct") not in values  # one level only: nothing derived
    flags = result.tidy.set_index("indicator")["flags"]
    assert flags["gross_enrolment_secondary_pct"] == "uis_estimation"
    codes = [i.code for i in result.issues]
    assert codes == ["series_not_used", "values_missing", "combined_ger_derived"]
    assert "1 combined GER derived" in describe(result)


def test_sdmx_rows_broken_down_by_sex_are_skipped_with_one_note(tmp_path: Path):
    header = "REF_AREA,REF_AREA_LABEL,INDICATOR,SEX,AGE,TIME_PERIOD,OBS_VALUE\n"
    body = (
        "KHM,Cambodia,ITU_DH_INT_USER_PT,_T,_T,2022,56.7\n"
        "KHM,Cambodia,ITU_DH_INT_USER_PT,F,_T,2022,52.1\n"
        "KHM,Cambodia,ITU_DH_INT_USER_PT,M,_T,2022,61.3\n"
        "EAS,East Asia & Pacific,ITU_DH_INT_USER_PT,_T,_T,2022,77.0\n"
    )
    result = load_file(_write(tmp_path / "data360.csv", header + body))
    assert result.ok and _values(result) == {("KHM", 2022, "internet_users_pct"): 56.7}
    assert [i.code for i in result.issues] == ["aggregates_skipped", "breakdowns_skipped"]
    assert "2 rows broken down by sex" in result.issues[1].message


SINGLE = "Country Name,Country Code,Year,Value\nCambodia,KHM,2021,55.6\nWorld,WLD,2021,63.1\nCambodia,KHM,1985,0\n"


def test_a_single_series_table_needs_its_series_named(tmp_path: Path):
    path = _write(tmp_path / "data.csv", SINGLE)
    unnamed = load_file(path)
    assert [(i.code, i.row) for i in unnamed.issues if i.severity == "error"] == [("series_unnamed", 1)]
    assert "--indicator" in unnamed.issues[0].message
    named = load_file(path, options=LoadOptions(indicator="IT.CEL.SETS.P2"))
    assert _values(named) == {("KHM", 2021, "mobile_subscriptions_per_100"): 55.6}
    assert [i.code for i in named.issues] == ["aggregates_skipped", "years_ignored"]
    folder = tmp_path / "IT.NET.USER.ZS"
    folder.mkdir()
    by_folder = load_file(_write(folder / "data.csv", SINGLE))
    assert _values(by_folder) == {("KHM", 2021, "internet_users_pct"): 55.6}
    counts = load_file(path, options=LoadOptions(indicator="IT.CEL.SETS"))  # the count: nothing is used
    assert [i.code for i in counts.issues if i.severity == "error"] == ["no_used_series"]


UNU = "country-code,country-name,e-gov-rank,e-gov-index,e-pat-index,osi,hci,tii\nKHM,Cambodia,139,0.29986,0.19607,0.17322,0.5189,0.20745\n"


def test_unu_egov_files_take_their_edition_from_the_name_or_the_option(tmp_path: Path):
    named = load_file(_write(tmp_path / "egdi-2014.csv", UNU))
    assert named.ok and set(named.tidy["year"]) == {2014} and named.format == "published" and named.layout == "unu"
    unnamed = _write(tmp_path / "egdi.csv", UNU)
    assert [i.code for i in load_file(unnamed).issues] == ["edition_unknown"]
    assert set(load_file(unnamed, options=LoadOptions(edition=2014)).tidy["year"]) == {2014}
    wrong = load_file(tmp_path / "egdi-2014.csv", options=LoadOptions(edition=2012))
    assert [i.code for i in wrong.issues] == ["edition_mismatch"] and "2014" in wrong.issues[0].message


def test_a_khmer_province_table_with_prefixes_and_zero_width_spaces(tmp_path: Path):
    path = _write(
        tmp_path / "literacy.csv",
        "ខេត្ត/រាជធានី,T_LIT15,M_LIT15\nរាជធានីភ្នំពេញ,93.17,96.21\nខេត្ត\u200bកណ្ដាល,83.11,89.15\n"
        "Kandal Province,83.11,89.15\nព្រះរាជាណាចក្រកម្ពុជា,77.6,85.1\n",
    )
    without_year = load_file(path)
    assert [i.code for i in without_year.issues if i.severity == "error"] == ["year_needed"]
    result = load_file(path, options=LoadOptions(year=2008))
    assert result.ok and result.entity_kind == "province" and result.layout == "nis_provinces"
    assert _values(result) == {("KH-12", 2008, "adult_literacy_pct"): 93.17, ("KH-8", 2008, "adult_literacy_pct"): 83.11}
    assert {i.code for i in result.issues} == {"series_not_used", "totals_skipped"}


def test_a_province_long_table_is_recognised_as_provinces_not_countries(tmp_path: Path):
    text = "entity,year,indicator,value\nខេត្តកណ្ដាល,2022,internet_users_pct,50\nKandal,2021,internet_users_pct,45\n"
    path = _write(tmp_path / "p.csv", text)
    result = load_file(path)
    assert result.ok and result.entity_kind == "province" and set(result.tidy["entity"]) == {"KH-8"}


def test_a_zip_of_too_many_members_says_how_many(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from indicators.ingest import workbook_guard

    monkeypatch.setattr(workbook_guard, "MAX_ZIP_MEMBERS", 20)
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for number in range(21):
            archive.writestr(f"part{number}.csv", "a,b\n")
    message = load_file(path).issues[0].message
    assert "it is a zip archive of 21 files; the limit is 20" in message


def test_a_description_counts_one_thing_in_the_singular(tmp_path):
    one = tmp_path / "one.csv"
    one.write_text("entity,year,indicator,value\nCambodia,2022,internet_users_pct,60\n", encoding="utf-8")
    two = tmp_path / "two.csv"
    two.write_text(
        "entity,year,indicator,value\nCambodia,2022,internet_users_pct,60\nThailand,2022,internet_users_pct,88\n", encoding="utf-8"
    )
    assert "1 value of 1 country" in describe(load_file(str(one)))
    assert "2 values of 2 countries" in describe(load_file(str(two)))
    bad = tmp_path / "bad.csv"
    bad.write_text("entity,year,indicator,value\nCambodia,2022,internet_users_pct,abc\n", encoding="utf-8")
    assert describe(load_file(str(bad))).endswith("refused (1 problem)")
