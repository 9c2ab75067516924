"""The reports' Outlook section as tables in the report language (the workbook and the brief draw these), from
`outlook_content.ReportOutlook`."""

from __future__ import annotations

import pandas as pd

from indicators.catalogue import load_catalogue
from indicators.entities import load_countries
from indicators.outlook.levers import OSI_CODE
from indicators.report.outlook_content import ReportOutlook
from indicators.report.strings import integer, number, text
from indicators.report.tables import Table


def lever_name(code: str, lang: str) -> str:
    return text("index_osi", lang) if code == OSI_CODE else load_catalogue()[code].name(lang)


def figures(section: ReportOutlook, lang: str) -> Table:
    """The country's nowcast: each sub-index, EGDI and rank with its interval, and how it was made."""
    row = section.row
    how = dict(part.split("=") for part in str(row["how"]).split(";"))
    columns = (
        ("figure", text("col_figure", lang), "text"),
        ("value", text("col_nowcast", lang), "index"),
        ("low", text("col_low", lang), "index"),
        ("high", text("col_high", lang), "index"),
        ("how", text("col_how", lang), "text"),
    )
    rows = []
    for code in ("egdi", "osi", "tii", "hci", "epi"):
        made = how.get(code, "computed")
        said = text("how_computed", lang) if made == "computed" else text("how_carried", lang, edition=integer(made.split(":")[1], lang))
        rows.append([text(f"index_{code}", lang), float(row[code]), float(row[f"{code}_low"]), float(row[f"{code}_high"]), said])
    rows[0][4] = text("how_egdi", lang)
    for code, label in (("rank", "label_world_rank"), ("asean_rank", "label_asean_rank")):
        rows.append([text(label, lang), int(row[code]), int(row[f"{code}_low"]), int(row[f"{code}_high"]), text("how_ranked", lang)])
    kinds = ("index",) * 5 + ("rank", "rank")
    return Table("outlook_figures", columns, pd.DataFrame(rows, columns=[c for c, _, _ in columns], dtype=object), kinds)


def peers(section: ReportOutlook, lang: str) -> Table:
    """The ASEAN members' nowcast: EGDI with its interval, world rank with its range."""
    countries = load_countries()
    columns = (
        ("country", text("col_country", lang), "text"),
        ("egdi", text("index_egdi_short", lang), "index"),
        ("egdi_low", text("col_low", lang), "index"),
        ("egdi_high", text("col_high", lang), "index"),
        ("rank", text("label_world_rank", lang), "rank"),
        ("rank_range", text("col_range", lang), "text"),
    )
    rows = [
        [
            countries.name(str(r["iso3"]), lang),
            float(r["egdi"]),
            float(r["egdi_low"]),
            float(r["egdi_high"]),
            int(r["rank"]),
            f"{integer(r['rank_low'], lang)}–{integer(r['rank_high'], lang)}",
        ]
        for _, r in section.peers.iterrows()
    ]
    return Table("outlook_peers", columns, pd.DataFrame(rows, columns=[c for c, _, _ in columns], dtype=object))


def levers(section: ReportOutlook, lang: str) -> Table:
    """The top three levers: the component, the step, from and to, ΔEGDI and the world rank before and after."""
    columns = (
        ("lever", text("col_lever", lang), "text"),
        ("step", text("col_step", lang), "text"),
        ("start", text("col_from", lang), "value"),
        ("target", text("col_to", lang), "value"),
        ("delta", text("col_egdi_change", lang), "index_change"),
        ("rank", text("col_rank_after", lang), "text"),
    )
    rows = [
        [
            lever_name(lever.code, lang),
            text(f"lever_step_{lever.step}", lang),
            lever.start,
            lever.target,
            lever.delta_egdi,
            f"{integer(lever.rank_before, lang)} → {integer(lever.rank_after, lang)}",
        ]
        for lever in section.levers
    ]
    return Table("outlook_levers", columns, pd.DataFrame(rows, columns=[c for c, _, _ in columns], dtype=object))


def record(section: ReportOutlook, lang: str) -> Table:
    """The track record: per replayed Survey, the country's predicted EGDI and rank against the published,
    the median |error| over all countries against the naive forecast's, and the share of EGDIs inside the intervals."""
    errors = {
        (int(r["edition"]), str(r["figure"]), str(r["forecast"])): (float(r["median_abs_error"]), float(r["coverage"]))
        for r in section.record.to_dict("records")
    }
    mine = {(int(r["edition"]), str(r["figure"])): r for r in section.entity.to_dict("records")}
    columns = (
        ("edition", text("col_edition", lang), "year"),
        ("predicted", text("col_predicted", lang), "text"),
        ("published", text("col_published", lang), "text"),
        ("error", text("col_median_error", lang), "index"),
        ("naive", text("col_naive_error", lang), "index"),
        ("rank_error", text("col_median_rank_error", lang), "ratio"),
        ("naive_rank", text("col_naive_rank_error", lang), "ratio"),
        ("coverage", text("col_coverage", lang), "ratio"),
    )
    rows = []
    for edition in sorted({edition for edition, _, _ in errors}):
        egdi, rank = mine[(edition, "egdi")], mine[(edition, "rank")]
        rows.append(
            [
                edition,
                f"{number(egdi['predicted'], lang)}, {integer(rank['predicted'], lang)}",
                f"{number(egdi['published'], lang)}, {integer(rank['published'], lang)}",
                errors[(edition, "egdi", "nowcast")][0],
                errors[(edition, "egdi", "naive")][0],
                errors[(edition, "rank", "nowcast")][0],
                errors[(edition, "rank", "naive")][0],
                errors[(edition, "egdi", "nowcast")][1],
            ]
        )
    return Table("outlook_record", columns, pd.DataFrame(rows, columns=[c for c, _, _ in columns], dtype=object))
