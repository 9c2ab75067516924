"""Data (analysts): what checking an upload found (what each file was read as, its problems grouped by kind:
`data_report`) and what importing it would change, per file; the import (the version history: `data_history`; the
audit trail: `data_audit`; background imports: `data_jobs`).

Tables are AG Grids: a cell shows the text formatted for the page language while the grid sorts on the raw value
(`<field>_text` columns, see `column`). Grids show at most ROW_LIMIT rows; the rest are counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from indicators.catalogue import load_catalogue
from indicators.entities import load_countries, load_provinces
from indicators.ingest.imports import FileImport, import_files, load_for_import, oversized_file, preview_files
from indicators.ingest.issues import has_errors
from indicators.store import ImportOutcome, StoreError
from indicators.store.access import Actor
from indicators.store.names import dataset_name
from layouts.i18n import fmt_int, fmt_number, t
from layouts.views.data_report import problem_rows, read_as
from layouts.views.grid_columns import column
from layouts.views.snapshot import store

ROW_LIMIT = 2000  # rows sent to a grid; the rest are counted, not shown
CHANGE_KINDS = ("added", "changed", "removed")


# ---- columns and rows of the grids ------------------------------------------------------------------------------


def change_columns(lang: str, with_file: bool) -> list[dict[str, object]]:
    columns = [
        column("change", t("data_col_change", lang), 120, formatted=True),
        column("entity", t("data_col_entity", lang), 170, grow=1, formatted=True, wrap=True),
        column("year", t("data_col_year", lang), 80, formatted=True, numeric=True),
        column("indicator", t("data_col_indicator", lang), 220, grow=2, formatted=True, wrap=True),
        column("old_value", t("data_col_old", lang), 130, formatted=True, numeric=True),
        column("new_value", t("data_col_new", lang), 130, formatted=True, numeric=True),
    ]
    return [column("file", t("data_col_file", lang), 190, grow=1, wrap=True), *columns] if with_file else columns


def entity_name(code: str, lang: str) -> str:
    provinces = load_provinces()
    register = provinces if code in provinces.table.index else load_countries()
    return register.name(code, lang)  # the code is in the file the user imported


def indicator_name(code: str, lang: str) -> str:
    spec = load_catalogue().get(code)
    return spec.name(lang) if spec else code


def value_text(indicator: str, value: float, lang: str) -> str:
    """A value as the page shows it: ranks as whole numbers, anything else with four decimals; '' when missing."""
    if pd.isna(value):
        return ""
    spec = load_catalogue().get(indicator)
    return fmt_int(value, lang) if spec is not None and spec.unit_en == "rank" else fmt_number(value, lang)


def change_rows(changes: pd.DataFrame, lang: str, file: str | None = None) -> list[dict[str, object]]:
    """Rows for a changes grid from a frame with the columns of `Store.diff`."""
    order = {kind: i for i, kind in enumerate(CHANGE_KINDS)}
    rows = []
    for change, entity, year, indicator, old, new in changes[
        ["change", "entity", "year", "indicator", "old_value", "new_value"]
    ].itertuples(index=False):
        row: dict[str, object] = {
            "change": order[change],
            "change_text": t(f"data_change_{change}", lang),
            "entity": entity,
            "entity_text": entity_name(entity, lang),
            "year": None if pd.isna(year) else int(year),
            "year_text": fmt_int(year, lang) if not pd.isna(year) else "",
            "indicator": indicator,
            "indicator_text": indicator_name(indicator, lang),
            "old_value": None if pd.isna(old) else float(old),
            "old_value_text": value_text(indicator, old, lang),
            "new_value": None if pd.isna(new) else float(new),
            "new_value_text": value_text(indicator, new, lang),
        }
        if file is not None:
            row["file"] = file
        rows.append(row)
    return rows


def limited(shown: int, total: int, lang: str) -> str | None:
    """The note under a grid that shows only the first `shown` of `total` rows; None when it shows them all."""
    return t("data_rows_limited", lang, shown=fmt_int(shown, lang), total=fmt_int(total, lang)) if shown < total else None


# ---- the check of an upload -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """What checking an upload found: a summary (kind, text), what each file was read as (file, words), one row per
    file (its cells and status), the problems grouped by kind (`data_report.problem_rows`) and how many there are in
    all, the changes an import would make (the first ROW_LIMIT, and how many there are; `changes` None when no file
    could be previewed), and whether the files can be imported."""

    summary: list[tuple[str, str]]
    read_as: list[tuple[str, str]]
    files: list[tuple[list[str], str]]
    problems: list[dict[str, object]]
    issues_total: int
    changes: list[dict[str, object]] | None
    changes_total: int
    importable: bool
    datasets: list[str]  # each file's dataset, in the files' order (a background import is queued for these)


def file_rows(prepared: Sequence[FileImport], previews: Sequence[pd.DataFrame | None], lang: str) -> list[tuple[list[str], str]]:
    """One row per file: format, dataset, values read, problems, and what importing it would change; and its status."""
    rows = []
    for item, preview in zip(prepared, previews, strict=True):
        errors = sum(issue.severity == "error" for issue in item.issues)
        counts = preview["change"].value_counts() if preview is not None else pd.Series(dtype=int)
        status = "errors" if preview is None else "identical" if preview.empty else "ready"
        cells = [
            item.loaded.file,
            dataset_name(item.dataset, lang),
            fmt_int(len(item.loaded.tidy), lang),
            fmt_int(errors, lang),
            fmt_int(len(item.issues) - errors, lang),
            *(fmt_int(counts.get(kind, 0), lang) if preview is not None else "–" for kind in CHANGE_KINDS),
            t(f"data_status_{status}", lang),
        ]
        rows.append((cells, status))
    return rows


def counted(key: str, count: int, lang: str, **params: object) -> str:
    """Text `key`, or `key_one` when `count` is 1 (English needs the singular; the Khmer texts are the same)."""
    return t(f"{key}_one", lang, **params) if count == 1 else t(key, lang, total=fmt_int(count, lang), **params)


def mib(size: int, lang: str) -> str:
    """A size in bytes as MiB with one decimal: 10485760 → "10.0"."""
    return fmt_number(size / 2**20, lang, decimals=1)


def confirm_label(count: int, lang: str) -> str:
    return t("data_confirm_one", lang) if count == 1 else t("data_confirm", lang, count=fmt_int(count, lang))


def check_summary(prepared: Sequence[FileImport], previews: Sequence[pd.DataFrame | None], lang: str) -> list[tuple[str, str]]:
    total = len(prepared)
    bad = sum(has_errors(item.issues) for item in prepared)
    if bad:
        return [("error", counted("data_summary_errors", total, lang, bad=fmt_int(bad, lang)))]
    changes = pd.concat([p for p in previews if p is not None], ignore_index=True)
    counts = changes["change"].value_counts()
    if changes.empty:
        messages = [("info", counted("data_summary_identical", total, lang))]
    else:
        numbers = {kind: fmt_int(counts.get(kind, 0), lang) for kind in CHANGE_KINDS}
        messages = [("success", counted("data_summary_ready", total, lang, **numbers))]
    remarks = sum(len(item.issues) for item in prepared)
    if remarks:
        messages.append(("warning", t("data_summary_warnings", lang, count=fmt_int(remarks, lang))))
    return messages


def importable(prepared: Sequence[FileImport], previews: Sequence[pd.DataFrame | None]) -> bool:
    """True when every file is clean and importing them would change something."""
    return bool(prepared) and all(p is not None for p in previews) and any(p is not None and not p.empty for p in previews)


def check(paths: Sequence[str], kind: str) -> tuple[list[FileImport], list[pd.DataFrame | None]]:
    """Load and validate the files, and preview what importing them would change (writes nothing; StoreError when the
    store cannot be read)."""
    prepared = load_for_import(paths, store(), kind or "auto")
    return prepared, preview_files(prepared, store())


def check_view(prepared: Sequence[FileImport], previews: Sequence[pd.DataFrame | None], lang: str) -> Check:
    issues = [issue for item in prepared for issue in item.issues]
    changes: list[dict[str, object]] = []
    for item, preview in zip(prepared, previews, strict=True):
        if preview is not None and len(changes) < ROW_LIMIT:
            changes += change_rows(preview.head(ROW_LIMIT - len(changes)), lang, item.loaded.file)
    return Check(
        check_summary(prepared, previews, lang),
        read_as(prepared, lang),
        file_rows(prepared, previews, lang),
        problem_rows(issues, lang),
        len(issues),
        changes if any(preview is not None for preview in previews) else None,
        sum(len(preview) for preview in previews if preview is not None),
        importable(prepared, previews),
        [item.dataset for item in prepared],
    )


# ---- the import and the size limit ----------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What an action did: `ok` or not, said in `text`; an import also lists what each file became (`lines`)."""

    ok: bool
    text: str
    lines: tuple[str, ...] = ()


def outcome_line(file: str, outcome: ImportOutcome, lang: str) -> str:
    """What importing `file` did: the version it became and its changes, or that it was identical."""
    dataset = dataset_name(outcome.dataset, lang)
    if outcome.identical:
        return t("data_imported_identical", lang, file=file, dataset=dataset)
    numbers = {k: fmt_int(getattr(outcome, k), lang) for k in CHANGE_KINDS}
    return t("data_imported_file", lang, file=file, version=fmt_int(outcome.version_id, lang), dataset=dataset, **numbers)


def import_uploads(paths: Sequence[str], user: Actor | str, kind: str, lang: str) -> Outcome:
    """Import the files in one transaction by `user` (none when any has an error)."""
    try:
        results, landed = import_files(paths, store(), user=user, entity_kind=kind or "auto")
    except StoreError as error:
        return Outcome(False, t("data_import_failed", lang, message=error.text(lang)))
    if not landed:
        return Outcome(False, t("data_import_refused", lang))
    lines = tuple(outcome_line(item.loaded.file, item.outcome, lang) for item in results if item.outcome is not None)
    return Outcome(True, t("data_imported", lang), lines)


def refused_uploads(chosen: object, lang: str) -> list[str]:
    """Which chosen files the browser refused for their size, and why ('name: message'): `chosen` is what
    assets/data.js reports, {"files": [{"name", "size"}, ...]}."""
    files = chosen.get("files") if isinstance(chosen, dict) else None
    sizes = [(str(f.get("name", "")), int(f.get("size") or 0)) for f in files or [] if isinstance(f, dict)]
    refused = [issue for issue in (oversized_file(name, size) for name, size in sizes) if issue is not None]
    return [f"{issue.file}: {issue.message_km if lang == 'km' else issue.message}" for issue in refused]
