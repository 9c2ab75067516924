"""Bring files into the store: load and validate every file first; import only when none has an error.

Each file becomes one dataset version. A dataset is "the same data" across imports:
- UN published results: `published:<editions>` (e.g. `published:2022`), whatever the file is called;
- a World Bank single-series table: `worldbank:<series code>` (such files are all called `data.csv`);
- any other file: `<format>:<file name without extension>`, or a name the user gives.
A folder stands for the data files under it (see `folders`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from sqlalchemy.engine import Connection

from indicators.ingest.bundled import BUNDLED_PUBLISHED, BUNDLED_PUBLISHED_FILES, bundled_components
from indicators.ingest.folders import expand_folders, set_aside_if_unused
from indicators.ingest.issues import Issue, has_errors
from indicators.ingest.jumps import jump_warnings
from indicators.ingest.loaders import load_file
from indicators.ingest.readers import oversized
from indicators.ingest.result import LoadOptions, LoadResult
from indicators.paths import DATA_DIR
from indicators.questionnaire import ANSWER_PREFIX
from indicators.store import ImportOutcome, ImportRequest, Store, open_store
from indicators.store.access import Actor, require

Progress = Callable[[int, int], None]  # (files read so far, files in all)
AfterImport = Callable[[Connection, list["FileImport"]], None]  # runs in the import's transaction, with what landed

BUNDLED_NATIONAL = DATA_DIR / "national" / "cambodia-indicators.csv"
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
    progress: Progress | None = None,
) -> list[FileImport]:
    """Load and validate every file (a folder: every data file under it); add warnings for values that jumped since
    the data already stored. `datasets` names each file's dataset (default: derived from the file, see the module
    docstring); `options` says what the user knows about the files (see `LoadOptions`); `progress` is told before
    each file, and once all are read (files read = files in all)."""
    options = options or LoadOptions(entity_kind=entity_kind)
    wanted, _ = expand_folders(paths)
    prepared = []
    for position, item in enumerate(wanted):
        if progress is not None:
            progress(position, len(wanted))
        loaded, set_aside = set_aside_if_unused(load_file(item.path, options=options), item)
        warnings: list[Issue] = []
        if loaded.ok and not set_aside and loaded.format != "published":
            measured = loaded.tidy[~loaded.tidy["indicator"].astype(str).str.startswith(ANSWER_PREFIX)]  # yes/no answers do not "jump"
            previous = store.observations(indicators=sorted(set(measured["indicator"])), entities=sorted(set(measured["entity"])))
            warnings = jump_warnings(measured, previous, file=loaded.file)
        name = datasets[position] if datasets else dataset_key(loaded, item.path)
        prepared.append(FileImport(item.path, loaded, name, warnings, set_aside=set_aside))
    if progress is not None:
        progress(len(wanted), len(wanted))
    return prepared


def import_files(
    paths: Sequence[str],
    store: Store,
    *,
    user: Actor | str = "cli",
    entity_kind: str = "auto",
    datasets: Sequence[str] | None = None,
    options: LoadOptions | None = None,
    progress: Progress | None = None,
    then: AfterImport | None = None,
) -> tuple[list[FileImport], bool]:
    """Import every file in one transaction, or none when any has an error. Returns the per-file results and
    whether they landed. `user` must be allowed to import (checked before any file is read); `options`, `progress`
    and `then`: see `load_for_import` and `Store.import_many`."""
    require(user, "import")
    prepared = load_for_import(paths, store, entity_kind, datasets, options, progress)
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

    def landed(outcomes: list[ImportOutcome]) -> list[FileImport]:
        results = iter(outcomes)
        return [
            item if item.set_aside else FileImport(item.path, item.loaded, item.dataset, item.warnings, next(results)) for item in prepared
        ]

    def after(connection: Connection, outcomes: list[ImportOutcome]) -> None:
        if then is not None:
            then(connection, landed(outcomes))

    outcomes = store.import_many(requests, after)  # one transaction: every file lands, or none
    return landed(outcomes), True


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


def bundled_published() -> list[ImportRequest]:
    """The bundled UN published results (every edition, every country), one dataset per UN file
    (`bundled:undesa-<edition>`) with that file's name and checksum; every value keeps its cell in that file (row,
    column). Imports go to datasets of their own (`published:<edition>`), so an imported file, even a partial one,
    overlays the bundled values (the newest import wins) and never removes them."""
    files = pd.read_csv(BUNDLED_PUBLISHED_FILES, dtype={"file": str, "edition": int, "sha256": str})
    types: dict[str, str | type[float]] = {"year": "Int64", "row": "Int64", "value": float}
    types.update({column: "str" for column in ("entity", "indicator", "source", "sheet", "column", "flags")})
    values = pd.read_csv(BUNDLED_PUBLISHED, dtype=types, keep_default_na=False)
    return [
        ImportRequest(
            values[values["source"] == file],
            dataset=f"bundled:undesa-{edition}",
            kind="published",
            file_name=str(file),
            checksum=str(sha256),
            user=BUNDLED_USER,
            entity_kind="country",
        )
        for file, edition, sha256 in zip(files["file"], files["edition"], files["sha256"], strict=True)
    ]


def seed_bundled(store: Store) -> None:
    """Fill an empty store with the bundled data in one transaction: the UN's published results for every edition
    and country (see `bundled_published`), the component data of every country (see `bundled.bundled_components`), and
    Cambodia's national indicators, last: where they give the same value as the international series, theirs is the
    store's current one."""
    if not store.is_empty():
        return
    national = load_file(BUNDLED_NATIONAL, "country")
    national_request = ImportRequest(
        national.tidy,
        dataset=f"bundled:{BUNDLED_NATIONAL.stem}",
        kind=national.format,
        file_name=BUNDLED_NATIONAL.name,
        checksum=national.checksum,
        user=BUNDLED_USER,
        entity_kind=national.entity_kind,
    )
    store.import_many([*bundled_published(), *bundled_components(BUNDLED_USER), national_request])


def open_seeded_store(url: str | None = None) -> Store:
    """The store at `url` (or the default), created and filled with the bundled data on first use."""
    store = open_store(url)
    seed_bundled(store)
    return store
