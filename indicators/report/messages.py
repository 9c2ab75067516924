"""Key messages of a report, written from the data: what changed since the previous edition, which sub-index moved
most, the weakest sub-index, the distance to the next EGDI group, the place in ASEAN, and target status.

    change of index S  = S(edition) − S(previous edition)
    moved most         = argmax_S |change of S| over S in (OSI, TII, HCI)
    distance to group  = threshold of the next group up − EGDI   (a group holds EGDI strictly above its threshold)
    gap in ASEAN       = EGDI of the member ranked just above − EGDI
"""

from __future__ import annotations

import pandas as pd

from indicators.entities import load_countries
from indicators.report.content import EGDI_PARTS, ReportContent
from indicators.report.strings import integer, missing, number, text

BEHIND = ("needs_acceleration", "limited_progress", "deterioration")


def index_name(code: str, lang: str) -> str:
    return text(f"index_{code}", lang)


def group_name(label: object, lang: str) -> str:
    return text(f"group_{str(label).lower().replace(' ', '_')}", lang) if isinstance(label, str) and label else "–"


def _change_messages(content: ReportContent, lang: str) -> list[str]:
    now, before = content.current, content.previous
    if before is None:
        return [text("msg_first_edition", lang, edition=integer(content.edition, lang), country=content.name(lang))]
    previous = integer(before["edition"], lang)
    messages = []
    if not missing(now["egdi"]) and not missing(before["egdi"]):
        change = float(now["egdi"] - before["egdi"])
        key = "msg_egdi_rose" if change > 0 else "msg_egdi_fell" if change < 0 else "msg_egdi_same"
        messages.append(text(key, lang, previous=previous, change=number(abs(change), lang), egdi=number(now["egdi"], lang)))
    if not missing(now["world_rank"]) and not missing(before["world_rank"]):
        places = int(before["world_rank"]) - int(now["world_rank"])
        key = "msg_rank_up" if places > 0 else "msg_rank_down" if places < 0 else "msg_rank_same"
        messages.append(
            text(
                key,
                lang,
                places=integer(abs(places), lang),
                before=integer(before["world_rank"], lang),
                rank=integer(now["world_rank"], lang),
                previous=previous,
            )
        )
    changes = {code: float(now[code] - before[code]) for code in EGDI_PARTS if not missing(now[code]) and not missing(before[code])}
    if changes:
        moved = max(changes, key=lambda code: (abs(changes[code]), -EGDI_PARTS.index(code)))
        steady = min(changes, key=lambda code: (abs(changes[code]), EGDI_PARTS.index(code)))
        messages.append(
            text(
                "msg_moved_most",
                lang,
                index=index_name(moved, lang),
                change=number(changes[moved], lang, signed=True),
                least=index_name(steady, lang),
                least_change=number(changes[steady], lang, signed=True),
            )
        )
    return messages


def _weakest(content: ReportContent, lang: str) -> list[str]:
    now = content.current
    present = {code: float(now[code]) for code in EGDI_PARTS if not missing(now[code])}
    if len(present) < len(EGDI_PARTS):
        return []
    weakest = min(present, key=lambda code: (present[code], EGDI_PARTS.index(code)))
    return [text("msg_weakest", lang, index=index_name(weakest, lang), value=number(present[weakest], lang))]


def _group(content: ReportContent, lang: str) -> list[str]:
    if missing(content.current["egdi"]):
        return []
    egdi = float(content.current["egdi"])
    levels = content.methodology.groups
    position = next(i for i, level in enumerate(levels) if level.above is None or egdi > level.above)
    if position == 0:
        return [text("msg_top_group", lang, group=group_name(levels[0].label, lang))]
    threshold = float(levels[position - 1].above or 0.0)
    return [
        text(
            "msg_next_group",
            lang,
            group=group_name(levels[position].label, lang),
            next_group=group_name(levels[position - 1].label, lang),
            gap=number(threshold - egdi, lang),
            threshold=number(threshold, lang, 2),
        )
    ]


def _asean(content: ReportContent, lang: str) -> list[str]:
    peers = content.peers
    own = peers[peers["is_entity"]]
    if own.empty or content.peers_missing or len(peers) < 2:
        return []
    rank = int(own["peer_rank"].iloc[0])
    count = integer(len(peers), lang)
    if rank == 1:
        return [text("msg_asean_first", lang, country=content.name(lang), count=count)]
    above = peers[peers["peer_rank"] < rank].iloc[-1]
    return [
        text(
            "msg_asean",
            lang,
            country=content.name(lang),
            rank=integer(rank, lang),
            count=count,
            above=load_countries().name(str(above["iso3"]), lang),
            above_egdi=number(above["egdi"], lang),
            gap=number(float(above["egdi"]) - float(own["egdi"].iloc[0]), lang),
        )
    ]


def _targets(content: ReportContent, lang: str) -> list[str]:
    targets = content.next_targets
    if targets is None or targets.empty:
        return []
    status = targets["progress"].astype(str)
    return [
        text(
            "msg_targets",
            lang,
            count=integer(len(targets), lang),
            on_track=integer(int((status == "on_track").sum()), lang),
            behind=integer(int(status.isin(BEHIND).sum()), lang),
            unknown=integer(int((status == "insufficient_data").sum()), lang),
        )
    ]


def key_messages(content: ReportContent, lang: str) -> list[str]:
    """The report's key messages in `lang`, most important first."""
    return [
        *_change_messages(content, lang),
        *_group(content, lang),
        *_weakest(content, lang),
        *_asean(content, lang),
        *_targets(content, lang),
    ]


def notes(content: ReportContent, lang: str) -> list[str]:
    """What a reader must know to read the figures right: a partial field, an unconfirmed or borrowed method."""
    found = []
    edition = integer(content.edition, lang)
    if not content.complete:
        key = "note_partial_field_one" if content.field_size == 1 else "note_partial_field"
        found.append(text(key, lang, count=integer(content.field_size, lang), edition=edition))
    if not content.own_method:
        found.append(text("note_borrowed_method", lang, edition=edition, method=integer(content.methodology.edition, lang)))
    elif not content.methodology.confirmed:
        found.append(text("note_unconfirmed_method", lang, method=integer(content.methodology.edition, lang)))
    if content.peers_missing:
        names = ", ".join(load_countries().name(code, lang) for code in content.peers_missing)
        found.append(text("note_peers_missing", lang, edition=edition, names=names))
    return found


def changes(content: ReportContent) -> pd.DataFrame:
    """Headline figures of the edition and the previous one: code, value, previous, change (value − previous)."""
    now, before = content.current, content.previous
    rows = []
    for code in (*("egdi", "osi", "tii", "hci", "epi"), "world_rank", "asean_rank"):
        value = now[code]
        prior = before[code] if before is not None else None
        change = None if missing(value) or missing(prior) else float(value) - float(prior)  # type: ignore[arg-type]
        rows.append({"code": code, "value": None if missing(value) else float(value), "previous": prior, "change": change})
    return pd.DataFrame(rows)
