"""What every loader takes and returns: the options a user can give, and the tidy rows of a file with every
problem found in it and what was recognised."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from indicators.entities import EntityRegister, load_register
from indicators.ingest.issues import Issue, has_errors
from indicators.ingest.tally import Tally
from indicators.ingest.value_checks import EARLIEST_YEAR, YEAR_RANGE

ENTITY_KINDS = ("auto", "country", "province")


@dataclass(frozen=True)
class LoadOptions:
    """What the user says about a file: `entity_kind` (auto, country, province); `indicator`, the series of a
    single-series file without an indicator column (a WDI code or our code); `edition`, the Survey edition of a
    results file without a year column (UNU-EGOV); `year`, the year of a table without a year column (NIS);
    `earliest_year`, the first year a publisher's download stores (default 1990: the dashboard's series start there,
    and the 1960s columns of a World Bank file are values no Survey reads). The Survey reads a country's latest value
    however old, so the bundle builder asks for every year of adult literacy: Somalia's only figure is of 1972."""

    entity_kind: str = "auto"
    indicator: str | None = None
    edition: int | None = None
    year: int | None = None
    earliest_year: int = YEAR_RANGE[0]

    def __post_init__(self) -> None:
        if self.entity_kind not in ENTITY_KINDS:
            raise ValueError(f"entity_kind must be one of {ENTITY_KINDS}, not {self.entity_kind!r}")
        if not EARLIEST_YEAR <= self.earliest_year <= YEAR_RANGE[0]:
            raise ValueError(f"earliest_year must lie in {EARLIEST_YEAR}–{YEAR_RANGE[0]}, not {self.earliest_year}")

    def register(self) -> EntityRegister | None:
        """The register the user chose; None for auto."""
        return load_register(self.entity_kind) if self.entity_kind != "auto" else None


@dataclass(frozen=True)
class LoadResult:
    """What a loader returns: tidy rows with provenance, every problem found, and the file's checksum.
    When any problem is an error, `tidy` is empty: a refused file contributes nothing.
    `format` names the layout family read (published, template, long, wide, worldbank, itu, sdmx, uis, undp, nis);
    `layout` the exact layout (for the description line, see `describe`); `entity_kind` the register used
    (country or province; empty when entities were kept as written); `tally` what was skipped and mapped."""

    tidy: pd.DataFrame
    issues: list[Issue]
    file: str = ""
    checksum: str = ""
    format: str = ""
    entity_kind: str = ""
    layout: str = ""
    tally: Tally = field(default_factory=Tally)

    @property
    def ok(self) -> bool:
        return not has_errors(self.issues)
