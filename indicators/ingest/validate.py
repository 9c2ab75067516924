"""The one validator every layout shares: from value cells to checked tidy rows and every problem, in one pass.

A layout turns its sheet into `Candidates`: one row per value cell, with the raw entity, year, series and value
and the header positions they came from. `check_candidates` then works in this order, vectorised with pandas:

1. **map** entities (`entity_match`) and series (`mappings`: codes and names with their units);
2. **drop**, counting them for one summary note each (`tally`): aggregates, territories and totals; series the
   tool does not use; values outside a series' definition years (ITU price baskets);
3. **check** only what is left: unknown entities (with "did you mean"), unknown codes that look like ours, years
   (those before 1990, or before the earliest year the caller asks for, are counted, not used), values (a number,
   in the indicator's valid range; a cell without a value is counted, not an error; a formula error or a cell linked
   to another file is refused).

Every problem is placed as a person sees it in Excel: row number, column header, the value as written, in
English and Khmer.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from indicators.catalogue import load_catalogue
from indicators.entities import EntityRegister
from indicators.i18n import message
from indicators.ingest.cells import present_keys, show, shown_codes
from indicators.ingest.entity_match import EntityMatcher, Match
from indicators.ingest.issues import Issue, Location, make_issue
from indicators.ingest.mappings import Series, resolve_series
from indicators.ingest.sheets import Sheet
from indicators.ingest.tally import Tally
from indicators.ingest.value_checks import YEAR_RANGE, inside_definitions, values_of, years_of
from indicators.tidy import TIDY_COLUMNS

LONG_COLUMNS = [*TIDY_COLUMNS, "sheet", "row", "column", "flags"]
CANDIDATE_COLUMNS = ["row", "entity", "code", "year", "indicator", "value", "value_pos", "source"]
MAX_SUGGESTED = 200  # distinct unknown names that get "did you mean" (difflib is slow); later ones get none
CODE_LIKE = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)+")


def empty_long() -> pd.DataFrame:
    """An empty frame with the columns and types of a loader's tidy rows."""
    return pd.DataFrame(
        {
            "entity": pd.Series(dtype=object),
            "year": pd.Series(dtype="Int64"),
            "indicator": pd.Series(dtype=object),
            "value": pd.Series(dtype=float),
            "source": pd.Series(dtype=object),
            "sheet": pd.Series(dtype=object),
            "row": pd.Series(dtype="Int64"),
            "column": pd.Series(dtype=object),
            "flags": pd.Series(dtype=object),
        }
    )


@dataclass(frozen=True)
class Candidates:
    """Value cells of one sheet to validate: `frame` has CANDIDATE_COLUMNS, one row per value cell:

    row (as Excel shows it), entity (name as written), code (an entity code column, or None), year (cell or number),
    indicator (the series as written: a code, a name with its unit, or our code), value (cell as written), value_pos
    (header position of the value cell), source; optionally `name` (the series name, tried when the code is not
    known), `label` (how to name the series in a note) and `flags`.
    The *_pos fields are header positions of the other cells; -1 when the field comes from a header and was
    checked there (a template's indicator, a wide table's year) or is absent (a long table without a year).
    `own_codes`: the series column is meant to hold our codes, so an unknown code written like ours (lowercase
    words joined by underscores) is an error, not a series to skip. `decimal_style`: how the whole value column writes
    decimals, when the candidates are one block of it (see `cells.decimal_style`)."""

    sheet: Sheet
    frame: pd.DataFrame
    entity_pos: int
    code_pos: int = -1
    year_pos: int = -1
    indicator_pos: int = -1
    own_codes: bool = False
    decimal_style: str | None = None


@dataclass
class Checked:
    """What `check_candidates` gives: the rows that passed, every problem, and the counts for notes."""

    tidy: pd.DataFrame
    issues: list[Issue]
    tally: Tally = field(default_factory=Tally)


def bilingual_issue(
    severity: str, code: str, at: Location, *, value: object = "", km: dict[str, object] | None = None, **params: object
) -> Issue:
    """`make_issue`, with `km` overriding parameters in the Khmer text only (an indicator's Khmer name, say)."""
    issue = make_issue(severity, code, at, value=value, **params)
    if not km:
        return issue
    khmer = message(code, "km", **{"value": issue.value, "column": at.column, **params, **km})
    return replace(issue, message_km=khmer)


class Findings:
    """Issues of one sheet with their sort key (row, column position), each cell's problem reported once."""

    def __init__(self, file: str, sheet: Sheet) -> None:
        self.file, self.sheet = file, sheet
        self.items: list[tuple[int, int, Issue]] = []
        self.seen: set[tuple[str, int, int]] = set()

    def at(self, row: int | None, position: int) -> Location:
        column = self.sheet.header[position] if 0 <= position < len(self.sheet.header) else ""
        return Location(self.file, self.sheet.name, row, column)

    def add(
        self, severity: str, code: str, row: int, position: int, value: object = "", km: dict[str, object] | None = None, **params: object
    ) -> None:
        if (code, row, position) in self.seen:
            return
        self.seen.add((code, row, position))
        self.items.append((row, position, bilingual_issue(severity, code, self.at(row, position), value=value, km=km, **params)))

    def sorted(self) -> list[Issue]:
        return [issue for _, _, issue in sorted(self.items, key=lambda item: (item[0], item[1]))]


def _entities(candidates: Candidates, matcher: EntityMatcher | None) -> tuple[np.ndarray, list[Match], list[tuple[str, str]]]:
    """(key per row, match per key, (name, code) per key): each distinct (name, code) resolved once."""
    frame = candidates.frame
    name_keys, names = shown_codes(frame["entity"])
    code_keys, codes = shown_codes(frame["code"])
    keys, pairs = pd.factorize(name_keys * (len(codes) + 1) + code_keys)
    shown = [(names[int(p) // (len(codes) + 1)], codes[int(p) % (len(codes) + 1)]) for p in pairs]
    if matcher is None:
        matches = [Match("ok", name or code) if name or code else Match("missing") for name, code in shown]
    else:
        matches = [matcher.match(name, code) for name, code in shown]
    return keys.astype(np.int64), matches, shown


def _near_codes(text: str) -> list[str]:
    """Our codes closest to a text ("internet_user_pct" → internet_users_pct), best first."""
    return difflib.get_close_matches(text, list(load_catalogue()), n=3, cutoff=0.6)


def check_candidates(candidates: Candidates, file: str, register: EntityRegister | None, earliest_year: int = YEAR_RANGE[0]) -> Checked:
    """Tidy rows (LONG_COLUMNS) of the candidates that pass every check, every problem (sorted by place), and the
    tally of what was skipped. Without a register, entities are kept as written. Values of years before
    `earliest_year` are counted, not used (see `LoadOptions.earliest_year`)."""
    sheet, frame = candidates.sheet, candidates.frame.reset_index(drop=True)
    found = Findings(file, sheet)
    tally = Tally()
    if frame.empty:
        return Checked(empty_long(), [], tally)
    catalogue = load_catalogue()
    rows = frame["row"].to_numpy(dtype=np.int64)
    kind = register.kind if register is not None else "entity"

    # 1. map series
    series_keys, series_texts = shown_codes(frame["indicator"])
    labels = frame["label"].to_numpy(dtype=object) if "label" in frame.columns else None
    resolved: list[Series | None] = [resolve_series(text) if text else None for text in series_texts]
    if "name" in frame.columns:  # a code the tool does not know: its name, if it says its unit, may still map
        names = frame["name"].to_numpy(dtype=object)
        for key in [k for k, series in enumerate(resolved) if series is None]:
            resolved[key] = resolve_series(show(names[int(np.argmax(series_keys == key))]))
    mapped = np.array([s is not None and s.indicator is not None for s in resolved], dtype=bool)[series_keys]
    indicators = np.array([s.indicator if s is not None else None for s in resolved], dtype=object)[series_keys]
    near = {k: _near_codes(text) for k, text in enumerate(series_texts) if resolved[k] is None and CODE_LIKE.fullmatch(text)}
    suspicious = np.array([candidates.own_codes and k in near for k in range(len(series_texts))], dtype=bool)[series_keys]
    blank_series = np.array([not text for text in series_texts], dtype=bool)[series_keys]

    # 2. map entities
    entity_keys, matches, shown = _entities(candidates, EntityMatcher(register) if register is not None else None)
    status = np.array([m.status for m in matches], dtype=object)[entity_keys]
    used = mapped | suspicious | blank_series
    for key in present_keys(entity_keys[(status == "other") & used], len(matches)):
        where = np.flatnonzero((entity_keys == key) & used)
        match = matches[int(key)]
        tally.skip_entity(match.kind, match.name, len(where), found.at(int(rows[where[0]]), candidates.entity_pos))
    for key in present_keys(series_keys[~mapped & ~suspicious & ~blank_series & (status != "other")], len(series_texts)):
        where = np.flatnonzero((series_keys == key) & (status != "other"))
        label = show(labels[where[0]]) if labels is not None else series_texts[int(key)]
        known = resolved[int(key)]
        label = f"{label}: {known.note}" if known is not None and known.note and known.indicator is None else label
        tally.count(tally.unused, label, len(where), found.at(int(rows[where[0]]), candidates.indicator_pos))

    # 3. check what is left: rows of used series (and of codes that look like ours, which are errors)
    checked = used & (status != "other")
    for index in np.flatnonzero(suspicious & checked):
        text = series_texts[int(series_keys[index])]
        closest = ", ".join(near[int(series_keys[index])] or load_catalogue())
        found.add("error", "unknown_indicator", int(rows[index]), candidates.indicator_pos, value=text, known=closest)
    for index in np.flatnonzero(blank_series & checked):
        found.add("error", "missing_value", int(rows[index]), candidates.indicator_pos)
    _entity_problems(candidates, found, matches, shown, entity_keys, status, checked, rows, register, kind)
    years = years_of(candidates, found, tally, frame, rows, checked, earliest_year)
    keep = mapped & (status == "ok") & (~np.isnan(years) | ((candidates.year_pos < 0) & ~frame["year"].notna().to_numpy()))
    keep &= inside_definitions(found, tally, resolved, series_keys, series_texts, years, rows, keep)
    set_aside = mapped & (status == "ok") & ~keep  # years before 1990, outside a definition, or not a year
    specs = [catalogue[s.indicator] if s is not None and s.indicator is not None else None for s in resolved]
    values, valid = values_of(candidates, found, tally, frame, rows, (series_keys, specs), checked & ~set_aside)
    keep &= valid

    source_keys, source_texts = shown_codes(frame["source"])
    source_column = np.array([text or file for text in source_texts], dtype=object)[source_keys]
    if "flags" in frame.columns:
        flag_keys, flag_texts = shown_codes(frame["flags"])
        flags = np.array(flag_texts, dtype=object)[flag_keys]
    else:
        flags = np.full(len(frame), "", dtype=object)
    value_pos = frame["value_pos"].to_numpy(dtype=np.int64)
    for key, count in enumerate(np.bincount(series_keys[keep], minlength=len(series_texts))):
        if count:
            tally.keep(str(indicators[np.argmax(series_keys == key)]), series_texts[key], int(count))
    texts = {
        "entity": np.array([m.code for m in matches], dtype=object)[entity_keys][keep],
        "indicator": indicators[keep],
        "source": source_column[keep],
        "sheet": np.full(int(keep.sum()), sheet.name, dtype=object),
        "column": np.asarray(sheet.header, dtype=object)[value_pos[keep]] if keep.any() else np.array([], dtype=object),
        "flags": flags[keep],
    }
    numbers = {
        "year": pd.array(np.where(np.isnan(years[keep]), 0, years[keep]).astype(np.int64), dtype="Int64"),
        "value": values[keep],
        "row": pd.array(rows[keep], dtype="Int64"),
    }
    columns = {name: pd.Series(cells, dtype=object) for name, cells in texts.items()} | {
        name: pd.Series(cells) for name, cells in numbers.items()
    }
    tidy = pd.DataFrame(columns)[LONG_COLUMNS]  # text as object: pandas would otherwise inspect every cell to infer str
    no_year = np.isnan(years[keep])
    if no_year.any():
        tidy.loc[no_year, "year"] = pd.NA
    return Checked(tidy, found.sorted(), tally)


def _entity_problems(
    candidates: Candidates,
    found: Findings,
    matches: list[Match],
    shown: list[tuple[str, str]],
    entity_keys: np.ndarray,
    status: np.ndarray,
    checked: np.ndarray,
    rows: np.ndarray,
    register: EntityRegister | None,
    kind: str,
) -> None:
    """Errors for the `checked` rows whose entity is missing or unknown (with "did you mean")."""
    suggestions: dict[str, list[str]] = {}
    matcher = EntityMatcher(register) if register is not None else None
    for index in np.flatnonzero(checked & ((status == "missing") | (status == "unknown"))):
        match = matches[int(entity_keys[index])]
        name, code = shown[int(entity_keys[index])]
        if match.status == "missing":
            position = candidates.entity_pos if candidates.entity_pos >= 0 else candidates.code_pos
            found.add("error", "missing_entity", int(rows[index]), position, kind=kind)
            continue
        assert matcher is not None
        shown_name = name or code
        if shown_name not in suggestions:
            suggestions[shown_name] = matcher.suggest(shown_name) if len(suggestions) < MAX_SUGGESTED else []
        near = suggestions[shown_name]
        found.add(
            "error",
            "unknown_entity" if near else "unknown_entity_no_suggestion",
            int(rows[index]),
            candidates.entity_pos if name and candidates.entity_pos >= 0 else candidates.code_pos,
            value=shown_name,
            kind=kind,
            suggestions=", ".join(near),
        )
