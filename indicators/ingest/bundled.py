"""The bundled component data (TII and HCI components of every country and year) and who to thank for it.

`data/bundled/components.csv` holds one row per value as the project's readers read the publishers' downloads
(`scripts/build_bundle.py`), `components-files.csv` one row per dataset: the file, its publisher, series, release
(`vintage`), its role (`primary`; `gaps`: only the values the `fills` dataset lacks; `vintage`: another release of a
series, kept whole), its checksum and what it holds. `attributions.csv` says, per publisher, how to attribute the
data and under which licence, in English and Khmer: the Methodology page, the README and every export show it.

A new store is seeded with one dataset per bundled file (`bundled:<dataset>`), older releases first, so where two
releases give the same value the newer is the store's current one; the method can still choose a release by date
(see `indicators.method.vintages`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from indicators.i18n import message
from indicators.paths import BUNDLE_DIR
from indicators.store import ImportRequest

BUNDLED_PUBLISHED = BUNDLE_DIR / "undesa-published.csv"  # built by scripts/build_bundle.py
BUNDLED_PUBLISHED_FILES = BUNDLE_DIR / "undesa-published-files.csv"
BUNDLED_COMPONENTS = BUNDLE_DIR / "components.csv.gz"  # built by scripts/build_bundle.py (gzip: 9 MB of text in 1)
BUNDLED_COMPONENT_FILES = BUNDLE_DIR / "components-files.csv"
ATTRIBUTIONS = BUNDLE_DIR / "attributions.csv"
COMPONENT_COLUMNS = ["dataset", "entity", "year", "indicator", "value", "source", "row", "column"]
DATASET_PREFIX = "bundled:"
FORMATS = {"itu": "itu", "itu-baskets": "itu", "worldbank": "worldbank", "data360": "sdmx", "undp": "undp"}  # publisher → reader
PUBLISHED_PUBLISHER = "undesa"


@lru_cache(maxsize=1)
def component_files() -> pd.DataFrame:
    """One row per bundled component dataset (see the module docstring), with `key` (its store dataset) and `released`
    (the vintage as a date: a month or a year alone counts from its first day)."""
    files = pd.read_csv(BUNDLED_COMPONENT_FILES, dtype={"vintage": str, "fills": str, "sheet": str}, keep_default_na=False)
    return files.assign(key=DATASET_PREFIX + files["dataset"], released=pd.to_datetime(files["vintage"], format="mixed"))


def bundled_components(user: str) -> list[ImportRequest]:
    """The bundled component data as import requests, one per dataset, older releases first; every value keeps its
    cell (row, column, sheet) in the file the dataset names, and the reader's source text."""
    types: dict[str, str | type[float]] = {"year": "Int64", "row": "Int64", "value": float}
    types.update({column: "str" for column in ("dataset", "entity", "indicator", "source", "column")})
    values = pd.read_csv(BUNDLED_COMPONENTS, dtype=types, keep_default_na=False)
    files = component_files().sort_values("released", kind="stable")
    groups = dict(tuple(values.groupby("dataset", sort=False)))
    columns = (files[name].astype(str) for name in ("dataset", "key", "publisher", "file", "sha256", "sheet"))
    return [
        ImportRequest(
            groups[dataset].drop(columns="dataset").assign(sheet=sheet, flags=""),
            dataset=key,
            kind=FORMATS[publisher],
            file_name=file,
            checksum=sha256,
            user=user,
            entity_kind="country",
        )
        for dataset, key, publisher, file, sha256, sheet in zip(*columns, strict=True)
    ]


@dataclass(frozen=True)
class Attribution:
    """How to credit one publisher whose data the tool ships: `name`, the `attribution` text, the `licence`, the
    `url`, and the bundled files of it (`files`: for the UN, its Data Center exports; else the downloads)."""

    publisher: str
    name: str
    attribution: str
    licence: str
    url: str
    files: tuple[str, ...]


@lru_cache(maxsize=2)
def attributions(lang: str = "en") -> tuple[Attribution, ...]:
    """Every publisher whose data is bundled, in the order of `attributions.csv`, in English or Khmer (`lang` km)."""
    table = pd.read_csv(ATTRIBUTIONS, dtype=str, keep_default_na=False)
    suffix = "km" if lang == "km" else "en"
    files = component_files()
    by_publisher = {key: tuple(group["file"]) for key, group in files.groupby("publisher", sort=False)}
    by_publisher[PUBLISHED_PUBLISHER] = tuple(pd.read_csv(BUNDLED_PUBLISHED_FILES, dtype=str)["file"])
    return tuple(
        Attribution(
            publisher=row["publisher"],
            name=row[f"name_{suffix}"],
            attribution=row[f"attribution_{suffix}"],
            licence=row[f"licence_{suffix}"],
            url=row["url"],
            files=by_publisher.get(row["publisher"], ()),
        )
        for _, row in table.iterrows()
    )


def attribution_lines(lang: str = "en") -> list[str]:
    """One line per publisher for a file's footer or a Sources sheet: 'attribution Licence: licence. url'."""
    return [message("attribution_line", lang, attribution=a.attribution, licence=a.licence, url=a.url) for a in attributions(lang)]
