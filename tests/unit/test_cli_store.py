"""The store commands end to end: import, history, diff, rollback, export, template."""

import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from indicators.cli import main
from tests.conftest import FIXTURES, PROJECT_DIR

PUBLISHED = FIXTURES / "published"


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "egdi.sqlite")


def versions(db: str) -> pd.DataFrame:
    from indicators.store import open_store

    with open_store(db) as store:
        return store.versions()


SEEDED = 30  # versions of a new store: the 12 bundled UN editions 2003–2024, the 17 component datasets, the national indicators


def test_a_new_store_is_seeded_with_the_bundled_data(db, capsys):
    assert main(["history", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "bundled:undesa-2003" in out and "bundled:undesa-2024" in out and "bundled:cambodia-indicators" in out
    seeded = versions(db).set_index("dataset")
    assert len(seeded) == SEEDED and (seeded["user"] == "bundled data").all()
    # 191 countries assessed in 2003, 193 from 2012, six published values each (rank and five indices)
    assert seeded.loc["bundled:undesa-2003", ["file_name", "n_values"]].tolist() == ["EGOV_DATA_2003.csv", 191 * 6]
    assert seeded.loc["bundled:undesa-2024", ["file_name", "n_values"]].tolist() == ["EGOV_DATA_2024.csv", 193 * 6]
    # the component data: one version per publisher's file, named by its path in ../shared/reference/sources
    assert seeded.loc["bundled:itu-internet-users", ["file_name", "n_values"]].tolist() == ["itu/individuals-using-the-internet.csv", 4439]
    assert seeded.loc["bundled:undp-hdr-2025", "file_name"] == "undp/HDR25_Composite_indices_complete_time_series.csv"
    assert seeded.index[0] == "bundled:cambodia-indicators"  # the newest version: national values are current where they overlap


def test_import_then_identical_reimport(db, capsys, reference_dir):
    path = str(reference_dir / "EGOV_DATA_2022.csv")
    assert main(["import", path, "--db", db]) == 0
    assert f"version {SEEDED + 1} of published:2022: 1158 added, 0 changed, 0 removed" in capsys.readouterr().out
    assert main(["import", path, "--db", db]) == 0
    assert f"identical to version {SEEDED + 1} of published:2022; nothing changed." in capsys.readouterr().out
    assert len(versions(db)) == SEEDED + 1


def test_a_refused_file_leaves_the_store_unchanged(db, capsys):
    main(["history", "--db", db])
    before = versions(db)
    code = main(["import", str(PUBLISHED / "variant_header_iso3.csv"), str(PUBLISHED / "unknown_country.csv"), "--db", db])
    captured = capsys.readouterr()
    assert code == 1
    assert "unknown_country.csv, row 3, column 'Country Name': Unknown country 'Cambodai'" in captured.err
    assert "refused: unknown_country.csv" in captured.err and "The store is unchanged" in captured.err
    pd.testing.assert_frame_equal(versions(db), before)


def _fill_template(path: Path, rows: list[tuple[str, int, float, object]]) -> Path:
    book = openpyxl.load_workbook(path)
    sheet = book[book.sheetnames[2]]  # Telecom infrastructure
    for i, (entity, year, internet, mobile) in enumerate(rows, start=2):
        sheet.cell(i, 1, entity), sheet.cell(i, 2, year), sheet.cell(i, 3, internet), sheet.cell(i, 4, mobile)
    book.save(path)
    return path


def test_template_import_diff_rollback_export(db, tmp_path, capsys):
    template = tmp_path / "telecom.xlsx"
    assert main(["template", str(template), "--entities", "province"]) == 0
    _fill_template(template, [("Siem Reap", 2023, 61.5, 120), ("Phnom Penh", 2023, 88, 150)])
    assert main(["import", str(template), "--db", db]) == 0
    new = SEEDED + 1
    assert f"version {new} of template:telecom: 4 added" in capsys.readouterr().out

    _fill_template(template, [("Siem Reap", 2023, 62.0, 120), ("Phnom Penh", 2023, 88, 151)])
    assert main(["import", str(template), "--db", db]) == 0
    assert f"version {new + 1} of template:telecom: 0 added, 2 changed, 0 removed, 2 unchanged." in capsys.readouterr().out

    assert main(["diff", str(new + 1), "--db", db]) == 0
    diff = capsys.readouterr().out
    assert "KH-17" in diff and "61.5" in diff and "62.0" in diff

    assert main(["rollback", str(new + 1), "--db", db]) == 0
    expected = f"Rolled back version {new + 1} of template:telecom as version {new + 2}: 0 restored, 2 changed back, 0 removed."
    assert expected in capsys.readouterr().out

    out = tmp_path / "observations.csv"
    assert main(["export", "observations", "--db", db, "--output", str(out)]) == 0
    stored = pd.read_csv(out, low_memory=False).set_index(["entity", "indicator"])
    assert stored.loc[("KH-17", "internet_users_pct"), "value"] == 61.5
    assert stored.loc[("KH-12", "mobile_subscriptions_per_100"), "column"].endswith("[mobile_subscriptions_per_100]")
    assert stored.loc[("KH-12", "mobile_subscriptions_per_100"), "row"] == 3


def test_export_published_has_the_published_command_columns(db, tmp_path, reference_dir):
    main(["import", str(reference_dir / "EGOV_DATA_2022.csv"), "--db", db])
    exported, direct = tmp_path / "exported.csv", tmp_path / "direct.csv"
    assert main(["export", "published", "--edition", "2022", "--db", db, "--output", str(exported)]) == 0
    assert main(["published", str(reference_dir / "EGOV_DATA_2022.csv"), "--output", str(direct)]) == 0
    written = pd.read_csv(exported, keep_default_na=False)
    assert "United Nations E-Government Survey, UN DESA" in written["attribution"].iloc[0] and (written["attribution"].iloc[1:] == "").all()
    assert "World Bank, World Development Indicators (CC BY 4.0)" in written["attribution"].iloc[0]
    pd.testing.assert_frame_equal(pd.read_csv(exported).drop(columns="attribution"), pd.read_csv(direct))


def test_export_published_keeps_the_published_rank_and_no_class_when_only_part_of_the_field_is_stored(db, tmp_path, capsys):
    from indicators.entities import load_countries
    from indicators.ingest.imports import BUNDLED_PUBLISHED
    from indicators.store import open_store

    asean = load_countries().table.query("asean").index
    bundled = pd.read_csv(BUNDLED_PUBLISHED, keep_default_na=False, na_values={"value": [""]})
    rows = bundled[(bundled["year"] == 2024) & bundled["entity"].isin(asean)]
    with open_store(db) as store:
        store.import_tidy(rows, dataset="asean-2024", kind="published", file_name="asean.csv", checksum="-")
    out = tmp_path / "published.csv"
    assert main(["export", "published", "--db", db, "--output", str(out)]) == 0
    assert "editions 2024 hold fewer than 190 countries" in capsys.readouterr().out
    khm = pd.read_csv(out).set_index("iso3").loc["KHM"]
    # among the 11 ASEAN countries Cambodia would be 8th and "HV"; the UN ranked it 120th of 193 (EGOV_DATA_2024.csv)
    assert (khm["rank"], khm["rank_published"], khm["group"]) == (120, 120, "High")
    assert pd.isna(khm["rating_class"])


def test_export_scores_from_stored_components(db, tmp_path):
    """The bundled component data of every country, read as the 2024 method reads it (data of 2022), with Cambodia's
    national values in place of the international ones of their years, and flagged so."""
    out = tmp_path / "scores.csv"
    assert main(["export", "scores", "--edition", "2024", "--db", db, "--output", str(out)]) == 0
    before = pd.read_csv(out, keep_default_na=False).set_index("entity")
    assert len(before) == 193 and before["tii"].min() == 0 and before["tii"].max() == 1
    assert "tii_national" in before.loc["KHM", "flags"]  # the bundled national file: internet users 56.7 in 2022
    assert "national" not in before.loc["THA", "flags"]
    source = tmp_path / "national.csv"
    source.write_text("entity,year,indicator,value\nCambodia,2022,internet_users_pct,99\nCambodia,2023,internet_users_pct,100\n")
    assert main(["import", str(source), "--db", db]) == 0
    assert main(["export", "scores", "--edition", "2024", "--db", db, "--output", str(out)]) == 0
    after = pd.read_csv(out, keep_default_na=False).set_index("entity")
    assert after.loc["KHM", "tii"] > before.loc["KHM", "tii"]  # 99 % of people online in 2022 instead of 56.7 (2023: too late)


def test_store_errors_are_messages_not_tracebacks(tmp_path):
    not_a_db = tmp_path / "notes.sqlite"
    not_a_db.write_text("hello, this is not a database")
    result = subprocess.run(
        [sys.executable, "-m", "indicators", "history", "--db", str(not_a_db)], cwd=PROJECT_DIR, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr and result.stderr.startswith("error:")


def test_rollback_of_an_unknown_version(db, capsys):
    assert main(["rollback", "99", "--db", db]) == 1
    assert "99" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["import", "export", "history", "diff", "rollback", "template"])
def test_help_for_store_commands(command):
    result = subprocess.run(
        [sys.executable, "-m", "indicators", command, "--help"], cwd=PROJECT_DIR, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and "usage:" in result.stdout


def test_a_value_that_jumped_since_the_stored_year_warns_but_lands(db, tmp_path, capsys):
    source = tmp_path / "internet.csv"
    source.write_text("entity,year,indicator,value\nCambodia,2023,internet_users_pct,90\n", encoding="utf-8")
    assert main(["import", str(source), "--db", db]) == 0  # the bundled data has 56.7 for 2022
    out = capsys.readouterr().out
    assert "WARNING internet.csv, row 2, column 'value'" in out
    assert "56.7" in out and "90" in out and f"version {SEEDED + 1} of long:internet: 1 added" in out


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_import_export_round_trip(tmp_path, suffix, reference_dir):
    first, second = str(tmp_path / "first.sqlite"), str(tmp_path / "second.sqlite")
    assert main(["import", str(reference_dir / "EGOV_DATA_2020.csv"), "--db", first]) == 0
    exported = tmp_path / f"observations{suffix}"
    assert main(["export", "observations", "--edition", "2020", "--db", first, "--output", str(exported)]) == 0
    assert main(["import", str(exported), "--db", second, "--dataset", "round-trip"]) == 0

    from indicators.store import open_store

    keys = ["entity", "year", "indicator"]
    with open_store(first) as a, open_store(second) as b:
        original = a.observations()
        original = original[original["year"] == 2020].sort_values(keys).reset_index(drop=True)
        again = b.observations(datasets=["round-trip"]).sort_values(keys).reset_index(drop=True)
    national = pd.read_csv(PROJECT_DIR / "data" / "national" / "cambodia-indicators.csv").assign(entity="KHM")
    bundled = pd.read_csv(PROJECT_DIR / "data" / "bundled" / "components.csv.gz")
    component_keys = {
        tuple(k) for frame in (bundled, national) for k in frame.loc[frame["year"] == 2020, ["entity", "indicator"]].to_numpy()
    }
    # the imported 2020 file overlays the bundled 2020 results value for value; the component values of 2020 (bundled
    # and Cambodia's national ones, one per country and indicator) join them
    assert len(again) == len(original) == 1158 + len(component_keys)
    pd.testing.assert_frame_equal(again[[*keys, "value"]], original[[*keys, "value"]])
