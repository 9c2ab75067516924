import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from indicators.cli import main
from indicators.method.methodology import load_methodology
from indicators.method.scoring import score
from tests.conftest import PROJECT_DIR
from tests.unit.test_scoring import full_field


def test_whatif_on_published_results(tmp_path: Path, reference_dir: Path):
    out = tmp_path / "whatif.csv"
    code = main(
        [
            "whatif",
            str(reference_dir / "EGOV_DATA_2022.csv"),
            "--edition",
            "2022",
            "--entity",
            "Cambodia",
            "--set",
            "osi=0.6",
            "--set",
            "tii=0.7",
            "--output",
            str(out),
        ]
    )
    assert code == 0
    result = pd.read_csv(out, keep_default_na=False).set_index("scenario")
    assert list(result.columns) == ["entity", "tii", "hci", "osi", "egdi", "rank", "group", "rating_class", "flags"]
    assert result.loc["baseline", ["entity", "rank", "group", "rating_class"]].tolist() == ["KHM", 127, "High", "H1"]
    # EGOV_DATA_2022.csv, Cambodia: EGDI 0.50560, OSI 0.41810, TII 0.56050; the published EGDI moves by the change
    assert result.loc["whatif", "egdi"] == pytest.approx(0.5056 + (0.6 - 0.4181) / 3 + (0.7 - 0.5605) / 3, abs=1e-12)
    assert result.loc["whatif", ["rank", "group"]].tolist() == [99, "High"]


def test_whatif_on_components_is_a_full_rescore(tmp_path: Path):
    tidy = full_field(10, seed=5)
    source = tmp_path / "components.csv"
    tidy.to_csv(source, index=False)
    out = tmp_path / "whatif.csv"
    assert (
        main(["whatif", str(source), "--edition", "2022", "--entity", "E03", "--set", "internet_users_pct=99", "--output", str(out)]) == 0
    )
    result = pd.read_csv(out, keep_default_na=False).set_index("scenario")
    changed = tidy.copy()
    changed.loc[(changed["entity"] == "E03") & (changed["indicator"] == "internet_users_pct"), "value"] = 99.0
    expected = score(changed, load_methodology(2022)).entities.set_index("entity").loc["E03"]
    assert result.loc["whatif", "tii"] == pytest.approx(expected["tii"])
    assert result.loc["whatif", "rank"] == expected["rank"]
    assert result.loc["baseline", "tii"] < result.loc["whatif", "tii"]


def test_a_no_op_whatif_leaves_the_published_egdi_to_the_last_decimal(tmp_path: Path, reference_dir: Path):
    """Cambodia 2024: EGDI 0.57536 as published; the mean of its rounded sub-indices is 0.57539."""
    out = tmp_path / "whatif.csv"
    args = ["whatif", str(reference_dir / "EGOV_DATA_2024.csv"), "--edition", "2024", "--entity", "KHM", "--set", "tii=0.76094"]
    assert main([*args, "--output", str(out)]) == 0
    result = pd.read_csv(out, keep_default_na=False).set_index("scenario")
    assert result["egdi"].tolist() == [0.57536, 0.57536] and result["rank"].tolist() == [120, 120]


@pytest.mark.parametrize(
    ("lang", "text"), [("en", "tii = 1.28 cannot be reached: a sub-index is min-max normalised"), ("km", "tii = 1.28 មិនអាចសម្រេចបានទេ")]
)
def test_a_subindex_outside_0_1_is_refused_as_unreachable(tmp_path: Path, reference_dir: Path, capsys, lang: str, text: str):
    args = ["whatif", str(reference_dir / "EGOV_DATA_2024.csv"), "--edition", "2024", "--entity", "KHM", "--set", "tii=1.28"]
    assert main([*args, "--output", str(tmp_path / "o.csv"), "--lang", lang]) == 1
    assert text in capsys.readouterr().err and not (tmp_path / "o.csv").exists()


@pytest.mark.parametrize(
    ("edition", "entity", "settings", "code", "text"),
    [
        ("2022", "KHM", ["osi"], 2, "--set 'osi': write CODE=VALUE"),
        ("2022", "KHM", ["internet_users_pct=80"], 1, "published results can only set osi, tii, hci"),
        ("2022", "Atlantis", ["osi=0.5"], 1, "--entity 'Atlantis' is not in the input"),
        ("2020", "KHM", ["osi=0.5"], 1, "the input has no published results for edition 2020"),
    ],
)
def test_whatif_errors(edition, entity, settings, code, text, tmp_path: Path, reference_dir: Path):
    sets = [part for setting in settings for part in ("--set", setting)]
    command = [
        sys.executable,
        "-m",
        "indicators",
        "whatif",
        str(reference_dir / "EGOV_DATA_2022.csv"),
        "--edition",
        edition,
        "--entity",
        entity,
        *sets,
        "--output",
        str(tmp_path / "o.csv"),
    ]
    result = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=60)
    assert result.returncode == code and text in result.stderr and "Traceback" not in result.stderr
