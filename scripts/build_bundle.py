"""Build the bundled published results in data/bundled/ from the UN DESA reference files.

    .venv/bin/python scripts/build_bundle.py [--reference DIR]

Reads every `EGOV_DATA_<edition>.csv` in DIR (default ../shared/reference/undesa, or $EGDI_REFERENCE_DIR) through the
project's own reader (indicators.ingest.published), exactly as an import of those files would, and writes:

- `data/bundled/undesa-published.csv`: one row per published value, in the tidy shape the store holds, with the
  cell it comes from: `entity, year, indicator, value, source, sheet, row, column, flags` (`source`: the UN file,
  `row`: its row as a spreadsheet shows it, header = row 1; `column`: its header; `flags`: e.g. `source_anomaly`).
- `data/bundled/undesa-published-files.csv`: one row per UN file: `file, edition, sha256, bytes, countries, values`.

A file with any error stops the build and nothing is written. Run it again when the UN publishes a new edition.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from pathlib import Path

import pandas as pd

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from indicators.ingest.imports import BUNDLED_PUBLISHED, BUNDLED_PUBLISHED_FILES  # noqa: E402
from indicators.ingest.issues import render_issues  # noqa: E402
from indicators.ingest.published import read_published  # noqa: E402

DEFAULT_REFERENCE = Path(os.environ.get("EGDI_REFERENCE_DIR", PROJECT_DIR.parent / "shared" / "reference" / "undesa"))
VALUE_COLUMNS = ["entity", "year", "indicator", "value", "source", "sheet", "row", "column", "flags"]


def build(reference: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The bundled values and the table of files they come from; raises SystemExit when a file is refused."""
    paths = sorted(reference.glob("EGOV_DATA_[0-9][0-9][0-9][0-9].csv"))
    if not paths:
        raise SystemExit(f"no EGOV_DATA_<edition>.csv files in {reference}")
    values, files = [], []
    for path in paths:
        loaded = read_published(str(path))
        if not loaded.ok:
            raise SystemExit(f"{path.name} refused, nothing written:\n{render_issues(loaded.issues, 'en')}")
        tidy = loaded.tidy[VALUE_COLUMNS]
        editions = sorted(set(tidy["year"]))
        if len(editions) != 1:
            raise SystemExit(f"{path.name}: expected one edition, found {editions}")
        values.append(tidy)
        files.append(
            {
                "file": path.name,
                "edition": int(editions[0]),
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
                "bytes": path.stat().st_size,
                "countries": tidy["entity"].nunique(),
                "values": len(tidy),
            }
        )
    bundle = pd.concat(values, ignore_index=True).sort_values(["year", "row", "indicator"], kind="stable")
    return bundle, pd.DataFrame(files)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE, help="folder of the UN DESA EGOV_DATA_<edition>.csv files")
    args = parser.parse_args()
    bundle, files = build(args.reference)
    BUNDLED_PUBLISHED.parent.mkdir(parents=True, exist_ok=True)
    bundle.to_csv(BUNDLED_PUBLISHED, index=False, lineterminator="\n")
    files.to_csv(BUNDLED_PUBLISHED_FILES, index=False, lineterminator="\n")
    print(f"Wrote {len(bundle)} values of {len(files)} editions to {BUNDLED_PUBLISHED.relative_to(PROJECT_DIR)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
