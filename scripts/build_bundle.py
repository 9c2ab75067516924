"""Build the bundled data in data/bundled/ from the reference files in ../shared, through the project's own readers.

    .venv/bin/python scripts/build_bundle.py [--reference DIR] [--sources DIR]

1. **Published results.** Reads every `EGOV_DATA_<edition>.csv` in the UN DESA folder (default
   ../shared/reference/undesa, or $EGDI_REFERENCE_DIR) with `indicators.ingest.published`, exactly as an import of
   those files would, and writes
   - `undesa-published.csv`: one row per published value, in the tidy shape the store holds, with the cell it comes
     from: `entity, year, indicator, value, source, sheet, row, column, flags` (`source`: the UN file, `row`: its row
     as a spreadsheet shows it, header = row 1; `column`: its header; `flags`: e.g. `source_anomaly`);
   - `undesa-published-files.csv`: one row per UN file: `file, edition, sha256, bytes, countries, values`.
2. **Component data** (TII and HCI components of every country and year). Reads each publisher's download of
   RECIPE in the sources folder (default ../shared/reference/sources, or $EGDI_SOURCES_DIR) with
   `indicators.ingest.loaders.load_file`, exactly as an import would, and writes
   - `components.csv`: one row per value: `dataset, entity, year, indicator, value, source, row, column` (`source`:
     the reader's text, as an import stores it; `row` and `column`: the cell, as a spreadsheet shows it);
   - `components-files.csv`: one row per dataset: what RECIPE says (file, publisher, series, vintage, role, fills,
     earliest year, sheet) and what was read (sha256, bytes, values, countries, first and last year).

   **Which publisher wins** where two give the same series: the publisher that compiles it, over a re-publication
   (ITU over the World Bank's and Data360's copies of ITU series). A `gaps` dataset holds only the (country, year,
   indicator) its `fills` dataset lacks. Vintages of one series (`vintage` role: an older or newer release of the
   same publisher) are kept whole, side by side: the method chooses, per value, the release that was out at the time
   it replays (`indicators.method.vintages`). Nothing is filled, combined or derived here: the method does that.

A file with any error stops the build and nothing is written. Run it again when a publisher releases new data.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from indicators.ingest.bundled import (  # noqa: E402
    BUNDLED_COMPONENT_FILES,
    BUNDLED_COMPONENTS,
    COMPONENT_COLUMNS,
)
from indicators.ingest.imports import BUNDLED_PUBLISHED, BUNDLED_PUBLISHED_FILES  # noqa: E402
from indicators.ingest.issues import render_issues  # noqa: E402
from indicators.ingest.loaders import load_file  # noqa: E402
from indicators.ingest.published import read_published  # noqa: E402
from indicators.ingest.result import LoadOptions  # noqa: E402
from indicators.ingest.value_checks import EARLIEST_YEAR  # noqa: E402

SHARED = PROJECT_DIR.parent / "shared" / "reference"
DEFAULT_REFERENCE = Path(os.environ.get("EGDI_REFERENCE_DIR", SHARED / "undesa"))
DEFAULT_SOURCES = Path(os.environ.get("EGDI_SOURCES_DIR", SHARED / "sources"))
VALUE_COLUMNS = ["entity", "year", "indicator", "value", "source", "sheet", "row", "column", "flags"]


@dataclass(frozen=True)
class Source:
    """One bundled dataset: a publisher's download read whole (`primary`, `vintage`) or for the gaps of another
    (`gaps`: only the values `fills` lacks). `vintage`: the release, as the file or its SOURCES.md entry dates it.
    `earliest_year`: the first year kept (the Survey reads a country's latest value however old)."""

    dataset: str
    file: str
    publisher: str
    series: str
    vintage: str
    role: str = "primary"
    fills: str = ""
    earliest_year: int = 1990


RECIPE = (
    Source("itu-internet-users", "itu/individuals-using-the-internet.csv", "itu", "i99H", "2025-08"),
    Source(
        "wdi-internet-users",
        "worldbank/API_IT.NET.USER.ZS_DS2_en_csv_v2_33086.zip",
        "worldbank",
        "IT.NET.USER.ZS",
        "2026-07-13",
        "gaps",
        "itu-internet-users",
    ),
    Source("itu-mobile-broadband", "itu/active-mobile-broadband-subscriptions.csv", "itu", "i911mw", "2025-08"),
    Source(
        "data360-mobile-broadband",
        "worldbank/data360_ITU_DH_ACT_MOB_PER_100.csv",
        "data360",
        "ITU_DH_ACT_MOB_PER_100",
        "2025",
        "gaps",
        "itu-mobile-broadband",
    ),
    Source("itu-fixed-broadband", "itu/fixed-broadband-subscriptions_1777496718795.csv", "itu", "i992b", "2026-04-29"),
    Source(
        "wdi-fixed-broadband",
        "worldbank/wdi-long/IT.NET.BBND.P2/data.csv",
        "worldbank",
        "IT.NET.BBND.P2",
        "2026-04",
        "gaps",
        "itu-fixed-broadband",
    ),
    Source(
        "wdi-mobile-cellular-2024",
        "worldbank/API_IT.CEL.SETS.P2_DS2_en_csv_v2_2987.csv",
        "worldbank",
        "IT.CEL.SETS.P2",
        "2024-02-21",
        "vintage",
    ),
    Source("wdi-mobile-cellular", "worldbank/wdi-long/IT.CEL.SETS.P2/data.csv", "worldbank", "IT.CEL.SETS.P2", "2026-04"),
    Source("wdi-fixed-telephone", "worldbank/wdi-long/IT.MLT.MAIN.P2/data.csv", "worldbank", "IT.MLT.MAIN.P2", "2026-04"),
    Source(
        "itu-price-baskets",
        "itu/ITU_ICTPriceBaskets_2008-2025.xlsx",
        "itu-baskets",
        "i271mb_high_1GB5_GNI, i271mb_high_2GB_GNI, i271mb_high_5GB_GNI, i154_FBB_GNI, i154_FBB5_GNI",
        "2025-12-02",
    ),
    Source(
        "wdi-adult-literacy-2025",
        "worldbank/API_SE.ADT.LITR.ZS_DS2_en_csv_v2_76004.csv",
        "worldbank",
        "SE.ADT.LITR.ZS",
        "2025-01-28",
        earliest_year=EARLIEST_YEAR,
    ),
    Source(
        "wdi-adult-literacy-2026",
        "worldbank/wdi-long/SE.ADT.LITR.ZS/data.csv",
        "worldbank",
        "SE.ADT.LITR.ZS",
        "2026-04",
        "vintage",
        earliest_year=EARLIEST_YEAR,
    ),
    Source("wdi-enrolment-primary", "worldbank/wdi-long/SE.PRM.ENRR/data.csv", "worldbank", "SE.PRM.ENRR", "2026-04"),
    Source("wdi-enrolment-secondary", "worldbank/wdi-long/SE.SEC.ENRR/data.csv", "worldbank", "SE.SEC.ENRR", "2026-04"),
    Source("wdi-enrolment-tertiary", "worldbank/wdi-long/SE.TER.ENRR/data.csv", "worldbank", "SE.TER.ENRR", "2026-04"),
    Source("undp-hdr-2023-24", "undp/HDR23-24_Composite_indices_complete_time_series.csv", "undp", "eys, mys", "2024-03-13"),
    Source("undp-hdr-2025", "undp/HDR25_Composite_indices_complete_time_series.csv", "undp", "eys, mys", "2025-05-06", "vintage"),
)


def build_published(reference: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The bundled published values and the table of files they come from; raises SystemExit when a file is refused."""
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


def read_source(sources: Path, source: Source) -> pd.DataFrame:
    """The values of one download as the reader gives them (countries only); SystemExit when it is refused."""
    path = sources / source.file
    loaded = load_file(path, options=LoadOptions(entity_kind="country", earliest_year=source.earliest_year))
    if not loaded.ok:
        raise SystemExit(f"{source.file} refused, nothing written:\n{render_issues(loaded.issues, 'en')}")
    tidy = loaded.tidy
    if tidy["flags"].fillna("").astype(str).str.len().any() or tidy["year"].isna().any():
        raise SystemExit(f"{source.file}: values with flags or without a year; the bundle's shape has no room for them")
    sheets = sorted(set(tidy["sheet"].fillna("").astype(str)))
    if len(sheets) != 1:
        raise SystemExit(f"{source.file}: values from several sheets {sheets}; the bundle names one sheet per dataset")
    return tidy.assign(dataset=source.dataset)


def build_components(sources: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The bundled component values (COMPONENT_COLUMNS) and the table of their datasets (see the module docstring)."""
    read: dict[str, pd.DataFrame] = {}
    files = []
    for source in RECIPE:
        tidy = read_source(sources, source)
        if source.role == "gaps":
            primary = read[source.fills]
            taken = pd.MultiIndex.from_frame(primary[["entity", "year", "indicator"]])
            tidy = tidy[~pd.MultiIndex.from_frame(tidy[["entity", "year", "indicator"]]).isin(taken)]
        read[source.dataset] = tidy
        path = sources / source.file
        files.append(
            {
                **asdict(source),
                "sheet": str(tidy["sheet"].iloc[0]),
                "indicators": " ".join(sorted(set(tidy["indicator"]))),
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
                "bytes": path.stat().st_size,
                "values": len(tidy),
                "countries": tidy["entity"].nunique(),
                "first_year": int(tidy["year"].min()),
                "last_year": int(tidy["year"].max()),
            }
        )
    values = pd.concat(read.values(), ignore_index=True)[COMPONENT_COLUMNS]
    values = values.sort_values(["dataset", "indicator", "entity", "year"], kind="stable")
    return values, pd.DataFrame(files)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE, help="folder of the UN DESA EGOV_DATA_<edition>.csv files")
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, help="folder of the publishers' downloads")
    args = parser.parse_args()
    published, published_files = build_published(args.reference)
    components, component_files = build_components(args.sources)
    BUNDLED_PUBLISHED.parent.mkdir(parents=True, exist_ok=True)
    published.to_csv(BUNDLED_PUBLISHED, index=False, lineterminator="\n")
    published_files.to_csv(BUNDLED_PUBLISHED_FILES, index=False, lineterminator="\n")
    components.to_csv(BUNDLED_COMPONENTS, index=False, lineterminator="\n", compression={"method": "gzip", "mtime": 0})
    component_files.to_csv(BUNDLED_COMPONENT_FILES, index=False, lineterminator="\n")
    print(f"Wrote {len(published)} values of {len(published_files)} editions to {BUNDLED_PUBLISHED.relative_to(PROJECT_DIR)}")
    print(f"Wrote {len(components)} values of {len(component_files)} datasets to {BUNDLED_COMPONENTS.relative_to(PROJECT_DIR)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
