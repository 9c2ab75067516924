"""A folder given to `import` stands for every data file under it, so a whole download folder goes in with one
command. Files of other types (a README, SOURCES.md) are named in one note; a file in a folder none of whose
series the tool uses (a DataBank export of GDP, say) is set aside with a warning instead of refusing the others,
because the user did not choose it. A file named on its own must be used, or it is refused."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from indicators.ingest.issues import Issue, Location, make_issue
from indicators.ingest.readers import READABLE_SUFFIXES
from indicators.ingest.result import LoadResult


@dataclass(frozen=True)
class Wanted:
    """A file to import, and whether it was found in a folder rather than named."""

    path: str
    in_folder: bool = False


def expand_folders(paths: Sequence[str]) -> tuple[list[Wanted], list[Issue]]:
    """The files to import (a folder: its data files, recursively, in name order), and a note per folder listing
    the files it holds that are not data files."""
    wanted: list[Wanted] = []
    notes: list[Issue] = []
    for path in paths:
        folder = Path(path)
        if not folder.is_dir():
            wanted.append(Wanted(path))
            continue
        files = sorted(p for p in folder.rglob("*") if p.is_file())
        wanted += [Wanted(str(p), True) for p in files if p.suffix.casefold() in READABLE_SUFFIXES]
        others = [str(p.relative_to(folder)) for p in files if p.suffix.casefold() not in READABLE_SUFFIXES]
        if others:
            notes.append(make_issue("info", "folder_files_skipped", Location(folder.name), value=", ".join(others)))
    return wanted, notes


def set_aside_if_unused(loaded: LoadResult, wanted: Wanted) -> tuple[LoadResult, bool]:
    """(result, set aside): a file found in a folder whose only error is that none of its series is used becomes a
    warning, and is not imported; any other result is returned as it is."""
    errors = [issue for issue in loaded.issues if issue.severity == "error"]
    if not wanted.in_folder or [issue.code for issue in errors] != ["no_used_series"]:
        return loaded, False
    warning = replace(errors[0], severity="warning")
    return replace(loaded, issues=[warning if issue is errors[0] else issue for issue in loaded.issues]), True
