"""For any accepted file, export → re-import gives the same values: whatever entities, years, indicators, values
(any number of digits, within each indicator's range) and source texts (with separators, quotes, formula-like
starts, Khmer) a file holds, the values stored from the exported CSV or XLSX equal the values stored from it."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicators.catalogue import input_codes, load_catalogue
from indicators.entities import load_countries
from indicators.ingest.imports import import_files
from indicators.report.writers import write_table
from indicators.store import open_store

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CODES = input_codes()
SOURCES = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20).filter(lambda t: t.strip() == t)


@st.composite
def values(draw: st.DrawFn) -> pd.DataFrame:
    """Distinct (entity, year, indicator) rows with a value inside the indicator's range and a source text."""
    catalogue = load_catalogue()
    keys = draw(
        st.lists(
            st.tuples(st.sampled_from(load_countries().codes), st.integers(1990, 2100), st.sampled_from(CODES)),
            min_size=1,
            max_size=25,
            unique=True,
        )
    )
    rows = []
    for entity, year, code in keys:
        spec = catalogue[code]
        value = draw(st.floats(min_value=spec.min, max_value=spec.max, allow_nan=False, allow_infinity=False))
        rows.append((entity, year, code, value, draw(SOURCES)))
    return pd.DataFrame(rows, columns=["entity", "year", "indicator", "value", "source"])


def stored(frame_path: Path, folder: Path, name: str) -> pd.DataFrame:
    with open_store(str(folder / f"{name}.sqlite")) as store:
        results, landed = import_files([str(frame_path)], store, datasets=[name])
        assert landed, [i.message for r in results for i in r.issues if i.severity == "error"]
        return store.observations()


def _key(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[["entity", "year", "indicator", "value"]].sort_values(["entity", "year", "indicator"]).reset_index(drop=True)


@given(values(), st.sampled_from([".csv", ".xlsx"]))
@SETTINGS
def test_export_then_reimport_gives_the_same_values(frame: pd.DataFrame, suffix: str):
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source = folder / f"input{suffix}"
        write_table(frame, source)
        first = stored(source, folder, "first")
        exported = folder / f"exported{suffix}"
        write_table(first, exported)
        second = stored(exported, folder, "second")
    assert len(first) == len(frame)
    pd.testing.assert_frame_equal(_key(second), _key(first), check_dtype=False)
    both = first.merge(second, on=["entity", "year", "indicator"], suffixes=("", "_again"))
    plain = ~both["source"].str.startswith(("=", "+", "-", "@")) & ~both["source"].str.contains(r"[;\t] *[=+\-@]")
    assert (both.loc[plain, "source"] == both.loc[plain, "source_again"]).all()  # text a spreadsheet cannot misread, unchanged
