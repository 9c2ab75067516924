"""What a file held besides the values that land: the counts behind the one-line description and behind the
single summary note of each kind of row the tool skips (aggregates, territories, totals, unused series, cells
without a value, values outside a series' definition years)."""

from __future__ import annotations

from dataclasses import dataclass, field

from indicators.ingest.issues import Issue, Location, make_issue

MAX_NAMES_LISTED = 12
SKIP_CODES = {"aggregate": "aggregates_skipped", "territory": "territories_skipped", "national total": "totals_skipped"}


def listed(names: list[str], limit: int = MAX_NAMES_LISTED) -> str:
    """Names joined with commas, the first `limit` of them, then "…"."""
    return ", ".join(names[:limit]) + (", …" if len(names) > limit else "")


@dataclass
class Counted:
    """Rows of one thing (a series, an entity, a marker): how many, and where the first is."""

    rows: int = 0
    first: Location = field(default_factory=Location)

    def add(self, rows: int, first: Location) -> None:
        if not self.rows:
            self.first = first
        self.rows += rows


@dataclass
class Tally:
    """Counts of one file, added sheet by sheet."""

    series: dict[str, dict[str, int]] = field(default_factory=dict)  # our code -> {series as written: values kept}
    skipped: dict[str, dict[str, Counted]] = field(default_factory=dict)  # kind -> entity name -> rows
    unused: dict[str, Counted] = field(default_factory=dict)  # series label -> rows
    no_value: dict[str, Counted] = field(default_factory=dict)  # marker as written ("" for empty) -> rows
    outside_definition: dict[str, Counted] = field(default_factory=dict)  # series -> rows
    early_years: dict[str, Counted] = field(default_factory=dict)  # year before the earliest stored -> rows
    early_before: int = 0  # the earliest year stored (years before it are counted in early_years)
    breakdowns: Counted = field(default_factory=Counted)  # rows by sex, age, … (SDMX)
    derived: int = 0

    def keep(self, indicator: str, series: str, values: int) -> None:
        found = self.series.setdefault(indicator, {})
        found[series] = found.get(series, 0) + values

    @staticmethod
    def count(table: dict[str, Counted], key: str, rows: int, first: Location) -> None:
        table.setdefault(key, Counted()).add(rows, first)

    def skip_entity(self, kind: str, name: str, rows: int, first: Location) -> None:
        self.count(self.skipped.setdefault(kind, {}), name, rows, first)

    def merge(self, other: Tally) -> None:
        for indicator, found in other.series.items():
            for series, values in found.items():
                self.keep(indicator, series, values)
        for kind, names in other.skipped.items():
            for name, counted in names.items():
                self.skip_entity(kind, name, counted.rows, counted.first)
        pairs = (
            (self.unused, other.unused),
            (self.no_value, other.no_value),
            (self.outside_definition, other.outside_definition),
            (self.early_years, other.early_years),
        )
        for mine, theirs in pairs:
            for key, counted in theirs.items():
                self.count(mine, key, counted.rows, counted.first)
        self.breakdowns.add(other.breakdowns.rows, other.breakdowns.first)
        self.derived += other.derived
        self.early_before = max(self.early_before, other.early_before)

    @property
    def used_series(self) -> list[str]:
        return [series for found in self.series.values() for series in found]

    def notes(self, file: str) -> list[Issue]:
        """One note per kind of skipped rows, placed at the first such row."""
        notes = []
        for kind, names in self.skipped.items():
            rows = sum(c.rows for c in names.values())
            first = min((c.first for c in names.values()), key=lambda at: (at.sheet, at.row or 0))
            notes.append(
                make_issue("info", SKIP_CODES[kind], first, value=str(len(names)), count=len(names), rows=rows, names=listed(list(names)))
            )
        if self.unused:
            rows = sum(c.rows for c in self.unused.values())
            first = next(iter(self.unused.values())).first
            labels = listed([f"{label} ({c.rows:,})" for label, c in self.unused.items()])
            notes.append(
                make_issue("info", "series_not_used", first, value=str(len(self.unused)), count=len(self.unused), rows=rows, names=labels)
            )
        if self.outside_definition:
            rows = sum(c.rows for c in self.outside_definition.values())
            first = next(iter(self.outside_definition.values())).first
            notes.append(make_issue("info", "outside_definition", first, rows=rows, names=listed(list(self.outside_definition))))
        if self.early_years:
            rows = sum(c.rows for c in self.early_years.values())
            first = min((c.first for c in self.early_years.values()), key=lambda at: (at.sheet, at.row or 0))
            notes.append(
                make_issue(
                    "info",
                    "years_ignored",
                    first,
                    rows=rows,
                    first_year=min(self.early_years),
                    last_year=max(self.early_years),
                    earliest=self.early_before,
                )
            )
        if self.no_value:
            rows = sum(c.rows for c in self.no_value.values())
            first = min((c.first for c in self.no_value.values()), key=lambda at: (at.sheet, at.row or 0))
            markers = listed([f"'{marker}'" if marker else "empty" for marker in self.no_value])
            notes.append(make_issue("info", "values_missing", first, rows=rows, markers=markers))
        if self.breakdowns.rows:
            notes.append(make_issue("info", "breakdowns_skipped", self.breakdowns.first, rows=self.breakdowns.rows))
        if self.derived:
            notes.append(make_issue("info", "combined_ger_derived", Location(file), rows=self.derived))
        return notes
