"""Outlook commands: `whatif` gives the baseline and what-if results of one entity, from a components file or published results."""

from __future__ import annotations

import argparse

import pandas as pd

from indicators.cli.common import (
    EXIT_USAGE,
    CommandError,
    Subcommands,
    check_output,
    methodology_or_error,
    refused_error,
    report_issues,
    write_output,
)
from indicators.entities import load_register
from indicators.ingest.loaders import detect_format, load_raw
from indicators.ingest.long_format import long_from_raw
from indicators.ingest.published import published_from_raw
from indicators.ingest.readers import read_file
from indicators.ingest.result import LoadResult
from indicators.method.methodology import Methodology, methodology_for_classification
from indicators.method.results import published_table
from indicators.outlook.whatif import SUBINDEX_CODES, Scenario, Unreachable, whatif_components, whatif_published
from indicators.tidy import latest_values

WHATIF_COLUMNS = ["scenario", "entity", "tii", "hci", "osi", "egdi", "rank", "group", "rating_class", "flags"]


class WhatIfError(ValueError):
    """A what-if that cannot be run, with the reason for the user."""


def parse_settings(settings: list[str]) -> dict[str, float]:
    """`CODE=VALUE` pairs into a mapping; ValueError naming the first malformed one."""
    changes: dict[str, float] = {}
    for setting in settings:
        code, sep, value = setting.partition("=")
        try:
            changes[code.strip()] = float(value)
        except ValueError:
            raise WhatIfError(f"--set {setting!r}: write CODE=VALUE, e.g. internet_users_pct=80") from None
        if not sep or not code.strip():
            raise WhatIfError(f"--set {setting!r}: write CODE=VALUE, e.g. internet_users_pct=80")
    return changes


def load_input(path: str) -> LoadResult:
    """Published results (countries resolved to ISO3) or a components file. A long table keeps its entity labels
    as written, as `score` does, so provinces or any other entities work; template and wide files resolve names."""
    raw, issues = read_file(path)
    if raw is None:
        return LoadResult(pd.DataFrame(), issues, path)
    layout = detect_format(raw)
    if layout == "published":
        return published_from_raw(raw)
    if layout == "long":
        return long_from_raw(raw)
    return load_raw(raw)


def _match_entity(wanted: str, entities: pd.Series, kind: str) -> str:
    names = {str(e).casefold(): str(e) for e in entities.unique()}
    if wanted.casefold() in names:
        return names[wanted.casefold()]
    code = load_register(kind).resolve(wanted)
    if code is not None and code in set(entities):
        return code
    raise WhatIfError(
        f"--entity {wanted!r} is not in the input (it has {len(names)} entities, e.g. {', '.join(sorted(names.values())[:5])})"
    )


def run_whatif(
    loaded: LoadResult, methodology: Methodology, edition: int, entity: str, changes: dict[str, float], year: int | None
) -> Scenario:
    """The scenario for a loaded input: published results of `edition`, or components scored with `methodology`."""
    tidy = loaded.tidy
    if loaded.format == "published":
        unknown = sorted(set(changes) - set(SUBINDEX_CODES))
        if unknown:
            raise WhatIfError(f"published results can only set {', '.join(SUBINDEX_CODES)}; not {', '.join(unknown)}")
        table = published_table(tidy[tidy["year"] == edition])
        if table.empty:
            editions = sorted({int(y) for y in tidy["year"].dropna()})
            raise WhatIfError(f"the input has no published results for edition {edition}; it has {editions}")
        code = _match_entity(entity, table["iso3"], "country")
        return whatif_published(table, methodology_for_classification(edition), code, changes)
    unknown = sorted(set(changes) - set(methodology.input_codes()))
    if unknown:
        raise WhatIfError(f"not indicators of the {edition} method: {', '.join(unknown)}; use {', '.join(methodology.input_codes())}")
    data = latest_values(tidy, year)[["entity", "indicator", "value"]]
    code = _match_entity(entity, data["entity"], loaded.entity_kind or methodology.entity_kind)
    return whatif_components(data, methodology, code, changes)


def scenario_rows(scenario: Scenario) -> pd.DataFrame:
    """One row per scenario (baseline, whatif) with WHATIF_COLUMNS."""
    rows = [scenario.row(which).to_frame().T.assign(scenario=which) for which in ("baseline", "whatif")]
    frame = pd.concat(rows, ignore_index=True)
    frame["entity"] = scenario.entity
    frame["rank"] = frame["rank"].astype("Int64")
    return frame[WHATIF_COLUMNS]


def cmd_whatif(args: argparse.Namespace) -> int:
    check_output(args.output)
    try:
        changes = parse_settings(args.set)
    except WhatIfError as exc:
        raise CommandError(str(exc), EXIT_USAGE) from exc
    methodology = methodology_or_error(args.edition)
    loaded = load_input(args.input)
    report_issues(loaded.issues, args.lang)
    if not loaded.ok:
        raise refused_error("compute_refused", file=args.input)
    try:
        scenario = run_whatif(loaded, methodology, methodology.edition, args.entity, changes, args.year)
    except WhatIfError as exc:
        raise CommandError(str(exc)) from exc
    except Unreachable as exc:
        raise CommandError(exc.message(args.lang)) from exc
    write_output(scenario_rows(scenario), args.output)
    return 0


def add_commands(commands: Subcommands[argparse.ArgumentParser], with_lang: argparse.ArgumentParser) -> None:

    p = commands.add_parser(
        "whatif",
        parents=[with_lang],
        help="re-score the whole field with one entity's inputs changed",
        description="Change one entity's inputs and re-score the whole field with edition E's method (a full "
        "re-normalisation). INPUT is a tidy components file (codes as for `score`) or UN published results (codes osi, "
        "tii, hci; the rank is taken against the other countries' published EGDI). OUT has one row per scenario "
        "(baseline, whatif): scenario, entity, tii, hci, osi, egdi, rank, group, rating_class, flags.",
    )
    p.add_argument("input", metavar="INPUT", help="tidy components file or UN published results (.csv or .xlsx)")
    p.add_argument("--edition", required=True, metavar="E", help="survey edition whose method and results to use")
    p.add_argument("--entity", required=True, metavar="X", help="the entity to change (as written in INPUT, or a country name or ISO3)")
    p.add_argument("--set", action="append", default=[], metavar="CODE=VALUE", help="a new value, e.g. internet_users_pct=80 (repeatable)")
    p.add_argument("--output", required=True, metavar="OUT", help="output file, .csv or .xlsx")
    p.add_argument("--year", type=int, metavar="Y", help="components: each entity's latest value up to year Y")
    p.set_defaults(run=cmd_whatif)
