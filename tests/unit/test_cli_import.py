"""`import` as a policy officer uses it: a folder in one command, one line per file saying what was recognised,
problems grouped with --all for the full table, and the options that say what a file cannot (--indicator,
--edition, --year); `published` reads UNU-EGOV files too."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from indicators.cli import main
from indicators.ingest.describe import describe
from indicators.ingest.issues import render_summary, summarise
from indicators.ingest.loaders import load_file
from tests.conftest import FIXTURES


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "egdi.sqlite")


def test_the_description_line_says_what_was_recognised():
    result = load_file(FIXTURES / "wide" / "wdi_internet_users.csv")
    assert describe(result) == (
        "World Bank bulk CSV, 1 series: IT.NET.USER.ZS → internet_users_pct; 7 values of 3 countries, 2019–2022; "
        "skipped: 2 territories, 2 aggregates"
    )
    assert describe(result, "km").startswith("ឯកសារ CSV ទាញយករបស់ធនាគារពិភពលោក, ស៊េរី 1: IT.NET.USER.ZS → internet_users_pct")


def test_a_folder_goes_in_with_one_command(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    folder = tmp_path / "downloads"
    (folder / "IT.CEL.SETS.P2").mkdir(parents=True)
    (folder / "IT.CEL.SETS.P2" / "data.csv").write_text("Country Name,Country Code,Year,Value\nCambodia,KHM,2021,120.2\n")
    (folder / "gdp.csv").write_text("Country Name,Country Code,Indicator Name,Indicator Code,2021\nCambodia,KHM,GDP,NY.GDP.MKTP.CD,26.9\n")
    (folder / "README.txt").write_text("where these files come from")
    assert main(["import", str(folder), "--db", db]) == 0
    out = capsys.readouterr().out
    assert "README.txt" in out and "were not read" in out
    assert "data.csv: World Bank single-series table, 1 series: IT.CEL.SETS.P2 → mobile_subscriptions_per_100" in out
    assert "WARNING gdp.csv: None of the 1 series in this file is one the tool uses" in out
    assert "gdp.csv: set aside, nothing in it is used" in out and "version 31 of worldbank:IT.CEL.SETS.P2: 1 added" in out


def test_a_file_named_on_its_own_with_nothing_used_is_refused(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = tmp_path / "gdp.csv"
    path.write_text("Country Name,Country Code,Indicator Name,Indicator Code,2021\nCambodia,KHM,GDP,NY.GDP.MKTP.CD,26.9\n")
    assert main(["import", str(path), "--db", db]) == 1
    err = capsys.readouterr().err
    assert "ERROR   gdp.csv: None of the 1 series in this file is one the tool uses" in err and "IT.NET.USER.ZS" in err


def test_repeated_problems_are_grouped_and_all_lists_each(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = tmp_path / "bad.csv"
    path.write_text("entity,year,indicator,value\n" + "".join(f"Cambodia,{y},internet_users_pct,x{y}\n" for y in range(1990, 2030)))
    assert main(["import", str(path), "--db", db]) == 1
    grouped = capsys.readouterr().err.strip().splitlines()
    places = "row 2, column 'value'; row 3, column 'value'; row 4, column 'value'"
    assert grouped[0] == f"ERROR   bad.csv: 40 times: 'x1990' is not a number. First at: {places}."
    assert main(["import", str(path), "--db", db, "--all"]) == 1
    every = capsys.readouterr().err.strip().splitlines()
    assert len([line for line in every if "is not a number" in line]) == 40


def test_summaries_group_by_file_and_kind_errors_first():
    result = load_file(FIXTURES / "wide" / "wdi_internet_users.csv")
    groups = summarise(result.issues)
    assert [(g.severity, g.code, g.count) for g in groups] == [("info", "territories_skipped", 1), ("info", "aggregates_skipped", 1)]
    assert render_summary(result.issues, "km").count("\n") == 1


def test_options_reach_the_layouts(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    single = tmp_path / "data.csv"
    single.write_text("Country Name,Country Code,Year,Value\nCambodia,KHM,2021,55.6\n")
    assert main(["import", str(single), "--db", db, "--indicator", "IT.NET.USER.ZS"]) == 0
    nis = tmp_path / "literacy.csv"
    nis.write_text("Province,T_LIT15\nPhnom Penh,93.17\nKandal,83.11\n")
    assert main(["import", str(nis), "--db", db, "--year", "2008"]) == 0
    unu = tmp_path / "egdi.csv"
    unu.write_text(
        "country-code,country-name,e-gov-rank,e-gov-index,e-pat-index,osi,hci,tii\nKHM,Cambodia,139,0.29986,0.19607,0.17322,0.5189,0.20745\n"
    )
    assert main(["import", str(unu), "--db", db, "--edition", "2014"]) == 0
    out = capsys.readouterr().out
    assert "version 31 of worldbank:IT.NET.USER.ZS" in out and "version 32 of nis:literacy" in out and "published:2014" in out
    table = tmp_path / "published.csv"
    assert main(["published", str(unu), "--edition", "2014", "--output", str(table)]) == 0
    assert pd.read_csv(table).loc[0, ["edition", "iso3", "rank_published"]].tolist() == [2014, "KHM", 139]
