"""Bring files into the store: load and validate every file first; import only when none has an error.

Each file becomes one dataset version. A dataset is "the same data" across imports:
- UN published results: `published:<editions>` (e.g. `published:2022`), whatever the file is called;
- a World Bank single-series table: `worldbank:<series code>` (such files are all called `data.csv`);
- any other file: `<format>:<file name without extension>`, or a name the user gives.
A folder stands for the data files under it (see `folders`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from indicators.ingest.folders import expand_folders, set_aside_if_unused
from indicators.ingest.issues import Issue, has_errors
from indicators.ingest.jumps import jump_warnings
from indicators.ingest.loaders import load_file
from indicators.ingest.readers import oversized
from indicators.ingest.result import LoadOptions, LoadResult
from indicators.paths import DATA_DIR
from indicators.store import ImportOutcome, ImportRequest, Store, open_store

BUNDLED_FILES = (DATA_DIR / "published" / "undesa-cambodia-asean.csv", DATA_DIR / "national" / "cambodia-indicators.csv")
BUNDLED_USER = "bundled data"


@dataclass(frozen=True)
class FileImport:
    """One file's way into the store: what was loaded, the problems found, and the version it became."""

    path: str
    loaded: LoadResult
    dataset: str
    warnings: list[Issue] = field(default_factory=list)
    outcome: ImportOutcome | None = None
    set_aside: bool = False  # found in a folder, none of its series used: not imported

    @property
    def issues(self) -> list[Issue]:
        return [*self.loaded.issues, *self.warnings]


def dataset_key(loaded: LoadResult, path: str) -> str:
    if loaded.format == "published" and not loaded.tidy.empty:
        editions = sorted({int(y) for y in loaded.tidy["year"].dropna()})
        return "published:" + "+".join(map(str, editions))
    if loaded.layout == "worldbank_single" and loaded.tally.series:
        return f"{loaded.format}:{loaded.tally.used_series[0]}"
    return f"{loaded.format}:{Path(path).stem}"


def load_for_import(
    paths: Sequence[str],
    store: Store,
    entity_kind: str = "auto",
    datasets: Sequence[str] | None = None,
    options: LoadOptions | None = None,
) -> list[FileImport]:
    """Load and validate every file (a folder: every data file under it); add warnings for values that jumped since
    the data already stored. `datasets` names each file's dataset (default: derived from the file, see the module
    docstring); `options` says what the user knows about the files (see `LoadOptions`)."""
    options = options or LoadOptions(entity_kind=entity_kind)
    wanted, _ = expand_folders(paths)
    prepared = []
    for position, item in enumerate(wanted):
        loaded, set_aside = set_aside_if_unused(load_file(item.path, options=options), item)
        warnings: list[Issue] = []
        if loaded.ok and not set_aside and loaded.format != "published":
            previous = store.observations(indicators=sorted(set(loaded.tidy["indicator"])), entities=sorted(set(loaded.tidy["entity"])))
            warnings = jump_warnings(loaded.tidy, previous, file=loaded.file)
        name = datasets[position] if datasets else dataset_key(loaded, item.path)
        prepared.append(FileImport(item.path, loaded, name, warnings, set_aside=set_aside))
    return prepared


def import_files(
    paths: Sequence[str],
    store: Store,
    *,
    user: str = "cli",
    entity_kind: str = "auto",
    datasets: Sequence[str] | None = None,
    options: LoadOptions | None = None,
) -> tuple[list[FileImport], bool]:
    """Import every file in one transaction, or none when any has an error. Returns the per-file results and
    whether they landed."""
    prepared = load_for_import(paths, store, entity_kind, datasets, options)
    if any(has_errors(p.issues) for p in prepared):
        return prepared, False
    imported = [item for item in prepared if not item.set_aside]
    requests = [
        ImportRequest(
            item.loaded.tidy,
            dataset=item.dataset,
            kind=item.loaded.format,
            file_name=Path(item.path).name,
            checksum=item.loaded.checksum,
            user=user,
            entity_kind=item.loaded.entity_kind,
        )
        for item in imported
    ]
    outcomes = iter(store.import_many(requests))  # one transaction: every file lands, or none
    return [
        item if item.set_aside else FileImport(item.path, item.loaded, item.dataset, item.warnings, next(outcomes)) for item in prepared
    ], True


def preview_files(prepared: Sequence[FileImport], store: Store) -> list[pd.DataFrame | None]:
    """What importing the loaded files would change (see `Store.preview_many`), per file: the rows `Store.diff` would
    give its version, None for a file with errors (which nothing is imported from). Writes nothing."""
    usable = [item for item in prepared if not has_errors(item.issues) and not item.set_aside]
    changes = iter(store.preview_many([(item.loaded.tidy, item.dataset) for item in usable]) if usable else [])
    return [None if has_errors(item.issues) or item.set_aside else next(changes) for item in prepared]


def oversized_file(file_name: str, size: int) -> Issue | None:
    """The error `load_file` gives a file of `size` bytes over the size limit, for a file refused before it is read
    (e.g. by the browser, before uploading it); None within the limit."""
    return oversized(file_name, size)


def seed_bundled(store: Store) -> None:
    """Fill an empty store with the bundled published results, so the dashboard has real figures at once."""
    if store.is_empty():
        paths = [str(p) for p in BUNDLED_FILES]
        import_files(paths, store, user=BUNDLED_USER, entity_kind="country", datasets=[f"bundled:{p.stem}" for p in BUNDLED_FILES])


def open_seeded_store(url: str | None = None) -> Store:
    """The store at `url` (or the default), created and filled with the bundled data on first use."""
    store = open_store(url)
    seed_bundled(store)
    return store
