"""What every loader returns: the tidy rows of a file, every problem found in it, and what was recognised."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from indicators.ingest.issues import Issue, has_errors


@dataclass(frozen=True)
class LoadResult:
    """What a loader returns: tidy rows with provenance, every problem found, and the file's checksum.
    When any problem is an error, `tidy` is empty: a refused file contributes nothing.
    `format` names the layout read (published, template, long, wide); `entity_kind` the register used
    (country or province; empty when entities were kept as written)."""

    tidy: pd.DataFrame
    issues: list[Issue]
    file: str = ""
    checksum: str = ""
    format: str = ""
    entity_kind: str = ""

    @property
    def ok(self) -> bool:
        return not has_errors(self.issues)
