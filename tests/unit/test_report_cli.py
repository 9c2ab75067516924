"""`python -m indicators report`: each format, and each failure as a clear message with a non-zero exit, never a
traceback. The chart renderer is injected: tests pass a fake one; the real one comes from indicators/__main__.py."""

from __future__ import annotations

import subprocess
import sys

import pytest
from openpyxl import load_workbook

from indicators.cli import main
from indicators.cli.common import EXIT_REFUSED, EXIT_USAGE
from indicators.report import ChartRenderError
from tests.conftest import PROJECT_DIR
from tests.unit.test_report_helpers import fake_renderer, pdf_fonts, pdf_text


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "egdi.sqlite")
    assert main(["history", "--db", path]) == 0  # seeds the bundled data
    return path


def report(db: str, *args: str, renderer=None) -> int:
    return main(["report", "--db", db, *args], chart_renderer=renderer)


def test_xlsx_needs_no_chart_renderer(db, tmp_path, capsys):
    out = tmp_path / "out" / "report.xlsx"
    assert report(db, "--entity", "KHM", "--format", "xlsx", "--lang", "km", "--output", str(out)) == 0
    assert "Wrote the xlsx report on Cambodia, edition 2024 (km)" in capsys.readouterr().out
    assert load_workbook(out).sheetnames[0] == "ទំព័រមុខ"


def test_the_format_can_come_from_the_output_suffix_and_csv_is_the_main_table(db, tmp_path):
    out = tmp_path / "by-edition.csv"
    assert report(db, "--entity", "Cambodia", "--edition", "2022", "--output", str(out)) == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Edition,EGDI,OSI,TII,HCI,EPI,World rank") and lines[-1].startswith("2022,0.5056,")


def test_pdf_with_the_injected_renderer(db, tmp_path):
    out = tmp_path / "brief.pdf"
    assert report(db, "--entity", "KHM", "--format", "pdf", "--lang", "en", "--output", str(out), renderer=fake_renderer) == 0
    assert "0.5754" in pdf_text(out)


def test_pdf_in_khmer(db, tmp_path):
    out = tmp_path / "brief-km.pdf"
    assert report(db, "--entity", "KHM", "--format", "pdf", "--lang", "km", "--output", str(out), renderer=fake_renderer) == 0
    assert "០.៥៧៥៤" in pdf_text(out) and "Khmer" in pdf_fonts(out)


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--entity", "Cambodai", "--format", "xlsx"], EXIT_USAGE, "error: unknown country 'Cambodai'. Did you mean: Cambodia"),
        (
            ["--entity", "KHM", "--edition", "2007", "--format", "xlsx"],
            EXIT_REFUSED,
            "error: no published results are stored for Cambodia in 2007",
        ),
        (
            ["--entity", "SSD", "--edition", "2008", "--format", "xlsx"],
            EXIT_REFUSED,
            "error: no published results are stored for South Sudan in 2008",  # not yet a member: not assessed
        ),
        (["--entity", "KHM", "--format", "pdf", "--suffix", ".xlsx"], EXIT_USAGE, "a pdf report needs a file name ending in .pdf"),
        (["--entity", "KHM", "--suffix", ".txt"], EXIT_USAGE, "give --format xlsx|pdf|csv|png|svg or a file name ending in one of them"),
        (["--entity", "KHM", "--format", "pdf"], EXIT_USAGE, "a pdf report needs chart rendering, which this entry point does not provide"),
    ],
)
def test_failures_are_one_clear_line(db, tmp_path, capsys, args, code, message):
    suffix = ".xlsx"
    if "--suffix" in args:
        at = args.index("--suffix")
        suffix = args[at + 1]
        args = args[:at] + args[at + 2 :]
    elif "--format" in args:
        suffix = "." + args[args.index("--format") + 1]
    out = tmp_path / f"out{suffix}"
    assert report(db, *args, "--output", str(out)) == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not out.exists()


def test_chart_rendering_failure_is_a_message(db, tmp_path, capsys):
    def broken(content, lang, fmt="png"):
        raise ChartRenderError("Chromium was not found")

    out = tmp_path / "brief.pdf"
    assert report(db, "--entity", "KHM", "--output", str(out), renderer=broken) == EXIT_REFUSED
    assert "error: cannot draw the charts: Chromium was not found" in capsys.readouterr().err


def test_messages_in_khmer(db, tmp_path, capsys):
    assert main(["report", "--db", db, "--lang", "km", "--entity", "KHM", "--edition", "2007", "--output", str(tmp_path / "x.xlsx")]) == 1
    assert "គ្មានលទ្ធផលដែលបានផ្សព្វផ្សាយសម្រាប់ កម្ពុជា ក្នុងឆ្នាំ ២០០៧" in capsys.readouterr().err


def test_an_unwritable_output_is_a_message(db, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert report(db, "--entity", "KHM", "--output", str(blocker / "report.xlsx")) == EXIT_REFUSED
    assert "cannot write" in capsys.readouterr().err


def run_module(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    env = {**os.environ, **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "indicators", *args], cwd=PROJECT_DIR, capture_output=True, text=True, timeout=180, env=env
    )


def test_python_m_indicators_draws_the_charts_with_the_dashboard_renderer(db, tmp_path):
    """End to end through the composition root: real charts from kaleido and Chromium, in a PNG and a PDF."""
    png = tmp_path / "trend.png"
    result = run_module(
        "report", "--db", db, "--entity", "KHM", "--lang", "km", "--output", str(png), env_extra={"EGDI_CHART_CACHE": "off"}
    )
    assert result.returncode == 0, result.stderr
    assert png.read_bytes().startswith(b"\x89PNG") and result.stderr == ""  # the browser libraries' logs stay quiet
    pdf = tmp_path / "brief.pdf"
    result = run_module("report", "--db", db, "--entity", "KHM", "--format", "pdf", "--output", str(pdf))
    assert result.returncode == 0, result.stderr
    assert "0.5754" in pdf_text(pdf) and result.stderr == ""


def test_a_missing_browser_is_a_message_without_traceback(db, tmp_path):
    result = run_module(
        "report", "--db", db, "--entity", "KHM", "--output", str(tmp_path / "b.pdf"),
        env_extra={"EGDI_CHROMIUM": "/nonexistent/chromium", "EGDI_CHART_CACHE": "off"},
    )  # fmt: skip
    assert result.returncode == EXIT_REFUSED
    assert "error: cannot draw the charts: Chromium was not found (EGDI_CHROMIUM=/nonexistent/chromium)" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "b.pdf").exists()
