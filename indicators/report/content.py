"""What a report says about one entity and edition, gathered from the store once and shared by every format.

`gather(store, "KHM", 2024)` reads the stored published results (ranks, groups and classes kept honest by
`indicators.method.standing`), the entity's history up to the edition, the ASEAN table of the edition, the stored component
values, target status, the provenance of every figure (each stored value with its source file, sheet, row, column,
dataset and version, and the method file of the edition) and the next Survey's Outlook.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from indicators.catalogue import input_codes, load_catalogue
from indicators.entities import load_countries
from indicators.method.methodology import Methodology, available_editions, load_methodology, methodology_for_classification
from indicators.method.peers import missing_members, peer_set, peer_table
from indicators.method.standing import WORLD_MINIMUM, standing
from indicators.method.stored import stored_published
from indicators.outlook.briefing import Outlook, stored_outlook
from indicators.outlook.forecast import ForecastError
from indicators.outlook.status import Nowcast
from indicators.outlook.targets import DEFAULT_TARGETS
from indicators.paths import DATA_DIR
from indicators.report.outlook_content import ReportOutlook, outlook_of
from indicators.report.strings import integer, text
from indicators.report.targets import next_milestones, target_status
from indicators.store import Store

TARGETS_FILE = DEFAULT_TARGETS.relative_to(DATA_DIR.parent).as_posix()  # data/targets/...yaml
INDEX_CODES = ("egdi", "osi", "tii", "hci", "epi")
EGDI_PARTS = ("osi", "tii", "hci")
PUBLISHED_CODES = (*INDEX_CODES, "rank_published")
PROVENANCE_COLUMNS = ["figure", "entity", "year", "indicator", "value", "source", "file", "sheet", "row", "column", "version_id", "dataset"]


class ReportError(Exception):
    """A report that cannot be made, with a message in English and Khmer (`message(lang)`)."""

    def __init__(self, key: str, **params: object):
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        return text(f"error_{self.key}", lang, **self.params)


@dataclass(frozen=True)
class ReportContent:
    """Everything a report shows. Frames are plain pandas; rows of `history` and `peers` have the
    `indicators.method.standing.STANDING_COLUMNS`."""

    entity: str  # ISO3
    name_en: str
    name_km: str
    edition: int
    created: date
    history: pd.DataFrame  # the entity's editions up to `edition`, oldest first
    peers: pd.DataFrame  # the ASEAN members (and the entity) in `edition`, best EGDI first, with peer_rank, is_entity
    peers_missing: tuple[str, ...]  # ASEAN members without results in `edition`
    components: pd.DataFrame  # stored component values of the entity up to `edition`, with provenance
    provenance: pd.DataFrame  # PROVENANCE_COLUMNS: every stored value the report shows
    versions: pd.DataFrame  # the dataset versions those values come from (indicators.store VERSION_OUTPUT)
    methodology: Methodology  # the method of the edition (or, before 2014, the file whose groups apply)
    targets: pd.DataFrame | None  # target status by target and milestone (indicators.outlook.status); None: no targets apply
    field_size: int  # countries stored for the edition
    targets_file: str | None = None  # where the targets come from (edits stored in the store are in `provenance`)
    outlook: ReportOutlook | None = None  # the next Survey's nowcast, levers and track record; None: none can be made

    def name(self, lang: str) -> str:
        return self.name_km if lang == "km" and self.name_km else self.name_en

    @property
    def current(self) -> pd.Series:
        return self.history.iloc[-1]

    @property
    def previous(self) -> pd.Series | None:
        return self.history.iloc[-2] if len(self.history) > 1 else None

    @property
    def previous_edition(self) -> int | None:
        previous = self.previous
        return int(previous["edition"]) if previous is not None else None

    @property
    def complete(self) -> bool:
        """The whole field of the edition is stored, so the world rank is computed and the rating class known."""
        return self.field_size >= WORLD_MINIMUM

    @property
    def own_method(self) -> bool:
        """The edition has a method file of its own (editions before 2014 use the 2014 file's groups)."""
        return self.methodology.edition == self.edition

    @property
    def next_targets(self) -> pd.DataFrame | None:
        """Each target's row for its next milestone from the edition on (see report.targets.next_milestones)."""
        return None if self.targets is None else next_milestones(self.targets, self.edition)

    @property
    def version_ids(self) -> list[int]:
        return sorted(int(v) for v in self.versions["version_id"])


def resolve_entity(entity: str) -> str:
    """The ISO3 code of a country given by code or any known name; ReportError with suggestions otherwise."""
    countries = load_countries()
    code = countries.resolve(entity)
    if code is None:
        suggestions = countries.suggest(entity)
        if suggestions:
            raise ReportError("unknown_entity", value=entity, suggestions=", ".join(suggestions))
        raise ReportError("unknown_entity_no_suggestion", value=entity)
    return code


def _method(edition: int) -> Methodology:
    return load_methodology(edition) if edition in available_editions() else methodology_for_classification(edition)


def _provenance(observations: pd.DataFrame, figure: str) -> pd.DataFrame:
    return observations.assign(figure=figure).reindex(columns=PROVENANCE_COLUMNS)


def _deciding_nowcast(outlook: Outlook | None) -> Nowcast | None:
    """The Outlook's figures that decide the milestones measured in the next Survey; None without a nowcast."""
    if outlook is None:
        return None
    try:
        outlook.nowcast()
    except ForecastError:
        return None
    return outlook.status_estimate


def gather(
    store: Store,
    entity: str,
    edition: int | None = None,
    *,
    table: pd.DataFrame | None = None,
    today: date | None = None,
    with_outlook: bool = True,
    outlook: Outlook | None = None,
) -> ReportContent:
    """The content of the report on `entity` (ISO3 or name) for `edition` (default: its latest with results).

    table: the standing table of the store (`indicators.method.standing.standing` of `stored_published`) when the caller has
    it already (the dashboard caches it); read from the store otherwise. `with_outlook`: add the next Survey's
    Outlook (indicators.outlook.briefing): `outlook` when the caller has it already (the dashboard computes it off the
    request), else computed from the store (once per store version). In a report on the latest edition, the Outlook's
    nowcast decides the target milestones measured in the next Survey, as on the dashboard's Targets page. Raises
    ReportError when the entity is unknown or has no results for the edition.
    """
    code = resolve_entity(entity)
    countries = load_countries()
    name_en, name_km = countries.name(code, "en"), countries.name(code, "km")
    ranked = table if table is not None else standing(stored_published(store))
    history = ranked[ranked["iso3"] == code].sort_values("edition").reset_index(drop=True)
    if history.empty:
        raise ReportError("no_entity_data", country=name_en, country_km=name_km)
    editions = [int(e) for e in history["edition"]]
    chosen = editions[-1] if edition is None else int(edition)
    if chosen not in editions:
        raise ReportError(
            "no_edition_data",
            country=name_en,
            country_km=name_km,
            edition=chosen,
            edition_km=integer(chosen, "km"),
            editions=", ".join(map(str, editions)),
            editions_km=", ".join(integer(e, "km") for e in editions),
        )
    history = history[history["edition"] <= chosen].reset_index(drop=True)
    edition_rows = ranked[ranked["edition"] == chosen]
    asean = peer_set("asean", code)
    peers = peer_table(edition_rows, asean)

    members = sorted({code, *peers["iso3"]})
    published = store.observations(indicators=list(PUBLISHED_CODES), kinds=["published"], entities=members)
    own = published[(published["entity"] == code) & (published["year"] <= chosen)]
    peer_values = published[(published["entity"] != code) & (published["year"] == chosen)]
    components = store.observations(indicators=input_codes(), entities=[code])
    components = components[components["year"].isna() | (components["year"] <= chosen)]
    catalogue = load_catalogue()
    components = components.assign(
        name_en=components["indicator"].map(lambda c: catalogue[c].name_en),
        name_km=components["indicator"].map(lambda c: catalogue[c].name_km),
        unit_en=components["indicator"].map(lambda c: catalogue[c].unit_en),
        unit_km=components["indicator"].map(lambda c: catalogue[c].unit_km),
    ).reset_index(drop=True)
    made = (outlook or stored_outlook(store)) if with_outlook else None
    latest = chosen == int(ranked["edition"].max())
    targets, edits = target_status(store, ranked, code, chosen, _deciding_nowcast(made) if latest else None)
    parts = [_provenance(own, "history"), _provenance(peer_values, "peers"), _provenance(components, "components")]
    if not edits.empty:
        parts.append(_provenance(edits, "targets"))
    provenance = pd.concat(parts, ignore_index=True)
    used = set(provenance["version_id"].dropna().astype(int))
    versions = store.versions()
    versions = versions[versions["version_id"].isin(used)].sort_values("version_id").reset_index(drop=True)
    return ReportContent(
        entity=code,
        name_en=name_en,
        name_km=name_km,
        edition=chosen,
        created=today or date.today(),
        history=history,
        peers=peers,
        peers_missing=missing_members(edition_rows, asean),
        components=components,
        provenance=provenance,
        versions=versions,
        methodology=_method(chosen),
        targets=targets,
        field_size=int(edition_rows["iso3"].nunique()),
        targets_file=TARGETS_FILE if targets is not None else None,
        outlook=outlook_of(made, code) if made is not None else None,
    )
