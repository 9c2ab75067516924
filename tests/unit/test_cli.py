import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from indicators.cli import main
from tests.conftest import FIXTURES, PROJECT_DIR
from tests.unit.test_scoring import full_field


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "indicators", *args], cwd=PROJECT_DIR, capture_output=True, text=True, timeout=60)


def test_score_writes_one_row_per_entity(tmp_path: Path, capsys):
    source = tmp_path / "tidy.csv"
    full_field(8).assign(year=2021).to_csv(source, index=False)
    out = tmp_path / "scores.csv"
    assert main(["score", str(source), "--edition", "2022", "--output", str(out)]) == 0
    result = pd.read_csv(out, keep_default_na=False)
    assert list(result.columns) == ["entity", "tii", "hci", "osi", "epi", "egdi", "rank", "group", "rating_class", "flags"]
    assert len(result) == 8 and sorted(result["rank"]) == list(range(1, 9))
    assert set(result["group"]) <= {"Very High", "High", "Middle", "Low"}
    assert "Wrote 8 rows" in capsys.readouterr().out


def test_score_year_selects_data_up_to_that_year(tmp_path: Path):
    old = full_field(6, seed=1).assign(year=2018)
    new = full_field(6, seed=2).assign(year=2022)
    source = tmp_path / "tidy.csv"
    pd.concat([old, new]).to_csv(source, index=False)
    out_old, out_all = tmp_path / "a.csv", tmp_path / "b.csv"
    assert main(["score", str(source), "--edition", "2020", "--output", str(out_old), "--year", "2019"]) == 0
    assert main(["score", str(source), "--edition", "2020", "--output", str(out_all)]) == 0
    only_old = tmp_path / "old.csv"
    old.to_csv(only_old, index=False)
    out_ref = tmp_path / "c.csv"
    main(["score", str(only_old), "--edition", "2020", "--output", str(out_ref)])
    assert pd.read_csv(out_old).equals(pd.read_csv(out_ref))
    assert not pd.read_csv(out_all)["egdi"].equals(pd.read_csv(out_ref)["egdi"])


def test_score_refuses_a_bad_file_with_the_problem_table(tmp_path: Path):
    source = tmp_path / "bad.csv"
    source.write_text("entity,indicator,value\nA,internet_users_pct,abc\nB,internet_users,50\n", encoding="utf-8")
    out = tmp_path / "scores.csv"
    result = run_cli("score", str(source), "--edition", "2022", "--output", str(out))
    assert result.returncode == 1 and not out.exists()
    assert "bad.csv, row 2, column 'value': 'abc' is not a number." in result.stderr
    assert "bad.csv, row 3, column 'indicator': Unknown indicator code 'internet_users'" in result.stderr
    assert "Traceback" not in result.stderr


def test_messages_in_khmer(tmp_path: Path):
    source = tmp_path / "bad.csv"
    source.write_text("entity,indicator,value\nA,internet_users_pct,abc\n", encoding="utf-8")
    result = run_cli("--lang", "km", "score", str(source), "--edition", "2022", "--output", str(tmp_path / "o.csv"))
    assert result.returncode == 1 and "'abc' មិនមែនជាលេខទេ។" in result.stderr
    # the place and the last line are in Khmer too, with Khmer digits
    assert "កំហុស   bad.csv, ជួរដេកទី ២, ជួរឈរ 'value': 'abc' មិនមែនជាលេខទេ។" in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("កំហុស៖ ") and "បានបដិសេធ" in last and "refused" not in last and "error" not in last


def test_score_with_no_usable_indicator(tmp_path: Path):
    source = tmp_path / "egdi_only.csv"
    source.write_text("entity,indicator,value\nA,egdi,0.5\n", encoding="utf-8")
    result = run_cli("score", str(source), "--edition", "2022", "--output", str(tmp_path / "o.csv"))
    assert result.returncode == 1 and "No indicator of the 2022 methodology has data" in result.stderr


@pytest.mark.parametrize(
    ("args", "code", "text"),
    [
        (["score", "x.csv", "--edition", "2019", "--output", "o.csv"], 2, "no methodology for edition 2019"),
        (["score", "x.csv", "--edition", "2022", "--output", "o.txt"], 2, "must end in .csv or .xlsx"),
        (["score", "x.csv", "--output", "o.csv"], 2, "the following arguments are required: --edition"),
        (["published", "missing.csv", "--output", "o.csv"], 1, "missing.csv: File not found."),
        (["frobnicate"], 2, "invalid choice: 'frobnicate'"),
    ],
)
def test_bad_arguments_give_a_message_and_a_non_zero_exit(args, code, text, tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "-m", "indicators", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": str(PROJECT_DIR), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == code
    assert text in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["score", "published"])
def test_help_explains_every_command(command):
    result = run_cli(command, "--help")
    assert result.returncode == 0 and "--output" in result.stdout and "OUT" in result.stdout


def test_published_command_columns(tmp_path: Path):
    out = tmp_path / "published.csv"
    assert main(["published", str(FIXTURES / "published" / "variant_header_iso3.csv"), "--output", str(out)]) == 0
    table = pd.read_csv(out)
    assert list(table.columns) == [
        "edition",
        "iso3",
        "country",
        "egdi",
        "egdi_computed",
        "osi",
        "tii",
        "hci",
        "epi",
        "rank",
        "rank_published",
        "group",
        "rating_class",
    ]
    khm = table.set_index("iso3").loc["KHM"]
    assert khm["egdi_computed"] == pytest.approx((0.4181 + 0.5605 + 0.5380) / 3)
    assert (khm["rank"], khm["rank_published"], khm["group"]) == (2, 127, "High")


def test_published_refuses_when_any_file_is_bad(tmp_path: Path):
    out = tmp_path / "published.csv"
    good, bad = FIXTURES / "published" / "variant_header_iso3.csv", FIXTURES / "published" / "unknown_country.csv"
    result = run_cli("published", str(good), str(bad), "--output", str(out))
    assert result.returncode == 1 and not out.exists()
    assert "unknown_country.csv, row 3, column 'Country Name': Unknown country 'Cambodai'. Did you mean: Cambodia" in result.stderr


def test_xlsx_output(tmp_path: Path):
    out = tmp_path / "published.xlsx"
    assert main(["published", str(FIXTURES / "published" / "variant_header_iso3.csv"), "--output", str(out)]) == 0
    assert pd.read_excel(out, engine="calamine").loc[0, "iso3"] == "THA"
