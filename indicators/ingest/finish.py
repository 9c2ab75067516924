"""The end of every loader: the checked sheets of a file become its `LoadResult`.

Conflicting duplicates are checked across sheets; text that would be stored is checked for control characters
(invisible, a sign of damage, and they break XLSX exports and PostgreSQL); the skipped rows get one note per kind;
a file none of whose series the tool uses is refused with the series found and the series the tool reads; nothing
is kept when any problem is an error; identical repeats are kept once.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from indicators.ingest.cells import show
from indicators.ingest.derived import derive_combined_ger
from indicators.ingest.issues import Issue, Location, has_errors, make_issue
from indicators.ingest.mappings import series_read
from indicators.ingest.result import LoadResult
from indicators.ingest.sheets import RawFile
from indicators.ingest.tally import Tally, listed
from indicators.ingest.validate import Checked, empty_long
from indicators.store.frames import CONTROL


def conflict_issues(tidy: pd.DataFrame, file: str, distinct: pd.DataFrame | None = None) -> list[Issue]:
    """An error for each (entity, year, indicator) given twice with different values. `distinct`: `tidy` without
    identical repeats, when the caller has it already."""
    keys = KEYS
    distinct = tidy.drop_duplicates([*keys, "value"]) if distinct is None else distinct  # identical repeats are not conflicts
    conflicting = distinct[distinct.duplicated(keys, keep=False)][keys].drop_duplicates()
    if conflicting.empty:
        return []
    repeated = tidy.merge(conflicting, on=keys).sort_values(["sheet", "row"], kind="stable")
    issues = []
    for _, group in repeated.groupby(keys, dropna=False, sort=False):
        if group["value"].nunique() > 1:
            last = group.iloc[-1]
            several_sheets = group["sheet"].nunique() > 1
            values = ", ".join(
                f"{v:g} ({f'sheet {s}, ' if several_sheets else ''}row {r})"
                for v, s, r in zip(group["value"], group["sheet"], group["row"], strict=True)
            )
            issues.append(
                make_issue(
                    "error",
                    "duplicate_conflict",
                    Location(file, str(last["sheet"]), int(last["row"]), str(last["column"])),
                    value=show(last["value"]),
                    entity=last["entity"],
                    indicator=last["indicator"],
                    year="—" if pd.isna(last["year"]) else int(last["year"]),
                    values=values,
                )
            )
    return issues


TEXT_COLUMNS = ("source", "sheet", "column", "flags")  # entity and indicator are our codes by now
KEYS = ["entity", "year", "indicator"]


def control_issues(tidy: pd.DataFrame, file: str) -> list[Issue]:
    """An error for each stored text (source, sheet, column header, flags) that holds a control character, placed
    at the value it belongs to; each distinct text is checked once."""
    issues = []
    for name in TEXT_COLUMNS:
        texts = tidy[name].astype(object)
        dirty = [text for text in pd.unique(texts) if isinstance(text, str) and CONTROL.search(text)]
        for text in dirty:
            first = tidy[texts == text].iloc[0]
            row = None if pd.isna(first["row"]) else int(first["row"])
            at = Location(file, CONTROL.sub("?", str(first["sheet"])), row, CONTROL.sub("?", str(first["column"])))
            issues.append(make_issue("error", "control_character", at, value=text.encode("unicode_escape").decode(), what=name))
    return issues


def finish(
    raw: RawFile,
    checked: Sequence[Checked],
    issues: list[Issue],
    *,
    matched: bool,
    format: str,
    entity_kind: str,
    layout: str = "",
    publisher: str = "",
    derive: bool = False,
) -> LoadResult:
    """The LoadResult of a file (see the module docstring). `matched`: some sheet had the layout's header;
    `derive`: add the combined gross enrolment ratio where the file gives the three levels only (see `derived`)."""
    file = raw.path.name
    tally = Tally()
    for part in checked:
        tally.merge(part.tally)
    frames = [part.tidy for part in checked if not part.tidy.empty]
    tidy = (pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]) if frames else empty_long()
    if derive and not tidy.empty:
        derived = derive_combined_ger(tidy)
        tally.derived = len(derived)
        tidy = pd.concat([tidy, derived], ignore_index=True) if len(derived) else tidy
    distinct = tidy.drop_duplicates([*KEYS, "value"])  # identical repeats kept once
    found = [*issues, *(issue for part in checked for issue in part.issues)]
    issues = [*raw.notes, *found, *control_issues(distinct, file), *conflict_issues(tidy, file, distinct), *tally.notes(file)]
    if matched and not has_errors(issues) and tidy.empty:
        issues.append(_nothing_used(file, tally, publisher))
    kept = empty_long() if has_errors(issues) else distinct.reset_index(drop=True)
    return LoadResult(kept, issues, file, raw.checksum, format, entity_kind, layout or format, tally)


def _nothing_used(file: str, tally: Tally, publisher: str) -> Issue:
    """Why a file that matched a layout gives no value: no series the tool uses, or no cell with a value."""
    if not tally.series and tally.unused:
        reads = listed([f"{s.key} → {s.indicator}" for s in series_read(publisher)], 20)
        found = listed(list(tally.unused))
        return make_issue("error", "no_used_series", Location(file), value=str(len(tally.unused)), found=found, reads=reads)
    if tally.no_value:
        rows = sum(c.rows for c in tally.no_value.values())
        markers = listed([f"'{marker}'" if marker else "empty" for marker in tally.no_value])
        return make_issue("error", "no_values", Location(file), rows=rows, markers=markers)
    return make_issue("error", "empty_file", Location(file))


def refused(path: object, issues: list[Issue], format: str = "") -> LoadResult:
    """The LoadResult of a file that could not be read at all."""
    name = getattr(path, "name", None) or str(path).replace("\\", "/").rsplit("/", 1)[-1]
    return LoadResult(empty_long(), issues, name, "", format, "")
