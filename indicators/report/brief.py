"""The ministerial brief: two to four A4 pages of HTML and CSS (`brief.css`), printed to PDF by weasyprint.

Page 1: headline figures, key messages, the trend chart. Page 2: the sub-indices (chart and table) and the ASEAN
table. Page 3: targets with status; the Outlook (the next Survey's nowcast with intervals, the top three levers, the
track record; an `outlook` chart when the renderer draws one); sources and method, with every bundled source's
attribution and licence. Charts arrive as PNG bytes (`charts.ChartRenderer`): weasyprint
shapes Khmer in HTML text but not inside SVG, and the core draws nothing itself.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from html import escape
from pathlib import Path

from indicators.entities import load_countries
from indicators.ingest.bundled import attributions
from indicators.ingest.imports import BUNDLED_USER
from indicators.report import outlook_tables
from indicators.report.charts import ChartRenderer
from indicators.report.content import EGDI_PARTS, ReportContent
from indicators.report.messages import changes, group_name, index_name, key_messages, notes
from indicators.report.strings import day, integer, missing, number, text
from indicators.report.tables import Table
from indicators.report.targets import nowcast_note
from indicators.store.names import day_name, version_name

STYLESHEET = Path(__file__).resolve().parent / "brief.css"
PAGE_COUNTER = {
    "en": 'counter(page) " / " counter(pages)',
    "km": 'counter(page, khmer) " / " counter(pages, khmer)',
}


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _card(label: str, value: str, detail: str | None) -> str:
    detail_html = f'<div class="card-detail">{_e(detail)}</div>' if detail else ""
    return f'<div class="card"><div class="card-label">{_e(label)}</div><div class="card-value">{_e(value)}</div>{detail_html}</div>'


def _rank_detail(now: object, before: object, previous: str, lang: str) -> str:
    if missing(now) or missing(before):
        return text("card_first", lang)
    places = int(before) - int(now)  # type: ignore[call-overload]
    key = "card_rank_up" if places > 0 else "card_rank_down" if places < 0 else "card_rank_same"
    return text(key, lang, places=integer(abs(places), lang), previous=previous)


def _cards(content: ReportContent, lang: str) -> str:
    now, before = content.current, content.previous
    previous = integer(content.previous_edition, lang)
    if before is None:
        egdi_detail = text("card_first", lang)
        rank_detail = text("card_first", lang)
    else:
        egdi_detail = text("card_change", lang, change=number(now["egdi"] - before["egdi"], lang, signed=True), previous=previous)
        rank_detail = _rank_detail(now["world_rank"], before["world_rank"], previous, lang)
    asean_detail = text("card_of", lang, count=integer(len(content.peers), lang)) if not missing(now["asean_rank"]) else None
    rating = now["rating_class"]
    class_detail = text("card_class", lang, rating=rating) if isinstance(rating, str) else text("class_needs_world", lang)
    return "".join(
        [
            _card(text("index_egdi_short", lang), number(now["egdi"], lang), egdi_detail),
            _card(text("label_world_rank", lang), integer(now["world_rank"], lang), rank_detail),
            _card(text("label_asean_rank", lang), integer(now["asean_rank"], lang), asean_detail),
            _card(text("label_group", lang), group_name(now["group"], lang), class_detail),
        ]
    )


def _image(charts: Mapping[str, bytes], name: str, alt: str) -> str:
    image = charts.get(name)
    if not image:
        return ""
    encoded = base64.b64encode(image).decode("ascii")
    return f'<figure><img src="data:image/png;base64,{encoded}" alt="{_e(alt)}"></figure>'


def _table(headers: Sequence[tuple[str, bool]], rows: Sequence[tuple[Sequence[tuple[str, bool]], str]]) -> str:
    """headers: (text, numeric); rows: (cells of (html, numeric), row class)."""
    head = "".join(f'<th class="number">{_e(h)}</th>' if numeric else f"<th>{_e(h)}</th>" for h, numeric in headers)
    body = []
    for cells, row_class in rows:
        tds = "".join(f'<td class="number">{html}</td>' if numeric else f"<td>{html}</td>" for html, numeric in cells)
        body.append(f'<tr class="{row_class}">{tds}</tr>' if row_class else f"<tr>{tds}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _subindex_table(content: ReportContent, lang: str) -> str:
    moved = changes(content).set_index("code")
    previous = content.previous_edition
    headers = [
        (text("col_figure", lang), False),
        (integer(content.edition, lang), True),
        *([(integer(previous, lang), True), (text("col_change", lang), True)] if previous else []),
    ]
    rows = []
    for code in ("egdi", *EGDI_PARTS, "epi"):
        record = moved.loc[code]
        cells = [(_e(index_name(code, lang)), False), (_e(number(record["value"], lang)), True)]
        if previous:
            cells += [(_e(number(record["previous"], lang)), True), (_e(number(record["change"], lang, signed=True)), True)]
        rows.append((cells, "entity" if code == "egdi" else ""))
    return _table(headers, rows)


def _peers_table(content: ReportContent, lang: str) -> str:
    countries = load_countries()
    headers = [
        ("#", True),
        (text("col_country", lang), False),
        *((text(f"index_{code}_short", lang), True) for code in ("egdi", *EGDI_PARTS, "epi")),
        (text("label_world_rank", lang), True),
        (text("label_group", lang), False),
    ]
    rows = []
    for record in content.peers.itertuples(index=False):
        cells = [
            (_e(integer(record.peer_rank, lang)), True),
            (_e(countries.name(str(record.iso3), lang)), False),
            *((_e(number(getattr(record, code), lang)), True) for code in ("egdi", *EGDI_PARTS, "epi")),
            (_e(integer(record.world_rank, lang)), True),
            (_e(group_name(record.group, lang)), False),
        ]
        rows.append((cells, "entity" if record.is_entity else ""))
    return _table(headers, rows)


def _target_value(value: object, indicator: str, lang: str) -> str:
    if missing(value):
        return "–"
    if indicator.endswith("_rank"):
        return integer(value, lang)
    return number(value, lang, 4 if indicator in ("egdi", "osi", "tii", "hci", "epi") else 1)


def _targets_section(content: ReportContent, lang: str) -> str:
    heading = f"<h2>{_e(text('heading_targets', lang))}</h2>"
    data = content.next_targets
    if data is None:
        return heading + f'<p class="muted">{_e(text("no_targets", lang, country=content.name(lang)))}</p>'
    headers = [
        (text("col_target", lang), False),
        (text("col_latest_value", lang), True),
        (text("col_target_value", lang), True),
        (text("col_progress", lang), False),
        (text("col_target_status", lang), False),
    ]
    rows = []
    for record in data.to_dict("records"):
        indicator = str(record["indicator"])
        latest = _target_value(record.get("latest_value"), indicator, lang)
        if not missing(record.get("latest_year")):
            latest += f" ({integer(record['latest_year'], lang)})"
        goal = _target_value(record.get("target_value"), indicator, lang)
        if not missing(record.get("milestone")):
            goal += f" ({integer(record['milestone'], lang)})"
        progress = str(record.get("progress") or "insufficient_data")
        chip = f'<span class="status status-{_e(progress)}">{_e(text(f"progress_{progress}", lang))}</span>'
        name = str(record["name_km" if lang == "km" else "name_en"])
        kind = str(record.get("status") or "")
        rows.append(
            (
                [
                    (_e(name), False),
                    (_e(latest), True),
                    (_e(goal), True),
                    (chip, False),
                    (_e(text(f"target_{kind}", lang)) if kind else "", False),
                ],
                "",
            )
        )
    lines = [text("brief_targets_note", lang), nowcast_note(content.targets, lang)]
    return heading + _table(headers, rows) + "".join(f'<p class="small muted">{_e(line)}</p>' for line in lines if line)


def _cells(table: Table, row: int, lang: str) -> list[tuple[str, bool]]:
    """One row of a report table as brief cells: numbers in the report's digits, right-aligned."""
    cells = []
    for column, value in enumerate(table.frame.iloc[row]):
        kind = table.kind(row, column)
        if kind == "text" or isinstance(value, str) or missing(value):
            cells.append((_e(value if not missing(value) else "–"), False))
        elif kind in ("rank", "year", "count"):
            cells.append((_e(integer(value, lang)), True))
        else:
            cells.append((_e(number(value, lang, 2 if kind in ("ratio", "value") else 4, signed=kind.endswith("_change"))), True))
    return cells


def _report_table(table: Table, lang: str) -> str:
    headers = [(header, kind != "text") for header, (_, _, kind) in zip(table.headers, table.columns, strict=True)]
    return _table(headers, [(_cells(table, row, lang), "") for row in range(len(table.frame))])


def _outlook_section(content: ReportContent, lang: str, charts: Mapping[str, bytes]) -> str:
    section = content.outlook
    if section is None:
        return f'<p class="muted">{_e(text("outlook_none", lang))}</p>'
    edition = integer(section.edition, lang)
    levers = "".join(
        "<li>"
        + _e(
            text(
                "lever_line",
                lang,
                lever=outlook_tables.lever_name(lever.code, lang),
                step=text(f"lever_step_{lever.step}", lang),
                start=number(lever.start, lang, 2),
                target=number(lever.target, lang, 2),
                change=number(lever.delta_egdi, lang, signed=True),
                before=integer(lever.rank_before, lang),
                after=integer(lever.rank_after, lang),
            )
        )
        + "</li>"
        for lever in section.levers
    )
    notes_html = f"<p class='small muted'>{_e(' '.join(section.notes[lang]))}</p>"
    return (
        f"<h2>{_e(text('heading_outlook', lang, edition=edition))}</h2>"
        f"<p><b>{_e(section.line[lang])}</b></p>"
        f"{_report_table(outlook_tables.figures(section, lang), lang)}"
        f"{_image(charts, 'outlook', text('alt_outlook', lang, country=content.name(lang)))}"
        f"<h2>{_e(text('heading_levers', lang))}</h2><ul>{levers}</ul>"
        f"<p class='small muted'>{_e(text('levers_note', lang))}</p>"
        f"<h2>{_e(text('heading_record', lang))}</h2>{_report_table(outlook_tables.record(section, lang), lang)}"
        f"<p class='small muted'>{_e(text('record_note', lang))}</p>{notes_html}"
    )


def _sources_section(content: ReportContent, lang: str) -> str:
    """Where the figures come from, as people say it; the codes, paths and checksums are in `_appendix`."""
    editions = content.history["edition"]
    parts = [
        f"<h2>{_e(text('heading_sources', lang))}</h2>",
        f"<p>{_e(text('brief_source_undesa', lang, first=integer(editions.min(), lang), last=integer(editions.max(), lang)))}</p>",
    ]
    component_sources = sorted({str(s) for s in content.components["source"].dropna() if str(s).strip()})
    if component_sources:
        parts.append(f"<p>{_e(text('brief_source_components', lang, sources='; '.join(component_sources)))}</p>")
    if content.targets_file:
        parts.append(f"<p>{_e(text('brief_source_targets', lang))}</p>")
    method = content.methodology
    status = text(f"method_{method.status}", lang)
    parts.append(f"<p>{_e(text('brief_method', lang, edition=integer(method.edition, lang), status=status))}</p>")
    bundled = content.versions[content.versions["user"] == BUNDLED_USER]
    own = content.versions[content.versions["user"] != BUNDLED_USER]
    versions = [
        text(
            "brief_version",
            lang,
            version=integer(record.version_id, lang),
            name=version_name(str(record.dataset), str(record.user), str(record.created_at), lang),
        )
        for record in own.itertuples(index=False)
    ]
    if not bundled.empty:  # one line: the attribution below names every bundled file's publisher, the appendix each file
        day = day_name(str(bundled["created_at"].min()), lang)
        versions.insert(0, text("brief_versions_bundled", lang, count=integer(len(bundled), lang), day=day))
    if versions:
        parts.append(f"<p class='small'><b>{_e(text('heading_versions', lang))}</b></p>")
        parts.append("<ul>" + "".join(f"<li>{_e(v)}</li>" for v in versions) + "</ul>")
    parts.append(f"<p class='small muted'>{_e(text('brief_workbook_note', lang))}</p>")
    parts.append(f"<p class='small'><b>{_e(text('heading_attribution', lang))}</b></p>")
    credits = [text("brief_attribution", lang, name=a.name, licence=a.licence, url=a.url) for a in attributions(lang)]
    parts.append("<ul>" + "".join(f"<li class='small'>{_e(line)}</li>" for line in credits) + "</ul>")
    return f'<section class="sources">{"".join(parts)}</section>'


def _appendix(content: ReportContent, lang: str) -> str:
    """The technical details in small print: the method file and its checksum, the targets file, and each data
    version's dataset code, file and checksum."""
    method = content.methodology
    lines = [text("appendix_method", lang, path=f"data/methodology/{method.id}.yaml", checksum=method.checksum[:12])]
    if content.targets_file:
        lines.append(text("appendix_targets", lang, file=content.targets_file))
    lines += [
        text(
            "appendix_version",
            lang,
            version=integer(record.version_id, lang),
            dataset=record.dataset,
            file=record.file_name,
            user=record.user,
            checksum=str(record.checksum)[:12],
        )
        for record in content.versions.itertuples(index=False)
    ]
    items = "".join(f"<li>{_e(line)}</li>" for line in lines)
    return f'<section class="appendix"><h3>{_e(text("heading_appendix", lang))}</h3><ul>{items}</ul></section>'


def brief_html(content: ReportContent, lang: str, charts: Mapping[str, bytes]) -> str:
    """The brief as one HTML document (charts inlined as data URIs)."""
    name = content.name(lang)
    edition = integer(content.edition, lang)
    previous = content.previous_edition
    versions = ", ".join(integer(v, lang) for v in content.version_ids)
    title = f"{text('brief_title', lang)}: {name} {edition}"
    sub_heading = (
        text("heading_subindices", lang, edition=edition, previous=integer(previous, lang))
        if previous
        else text("heading_subindices_single", lang, edition=edition)
    )
    reading_notes = "".join(f"<p>{_e(n)}</p>" for n in notes(content, lang))
    messages = "".join(f"<li>{_e(m)}</li>" for m in key_messages(content, lang))
    css = STYLESHEET.read_text(encoding="utf-8")
    css += f"\n@page {{ @bottom-right {{ content: {PAGE_COUNTER['km' if lang == 'km' else 'en']}; }} }}\n"
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{_e(title)}</title>
<meta name="author" content="egov-readiness-cambodia"><style>{css}</style></head>
<body>
<span class="running-title">{_e(title)}</span>
<header class="masthead">
  <div class="kicker">{_e(text("brief_title", lang))}</div>
  <h1>{_e(name)}</h1>
  <p class="subtitle">{_e(text("survey_edition", lang, edition=edition))}</p>
  <p class="prepared">{_e(text("brief_prepared", lang, date=day(content.created, lang), versions=versions))}</p>
</header>
<section class="cards">{_cards(content, lang)}</section>
<section class="messages"><h2>{_e(text("heading_messages", lang))}</h2><ul>{messages}</ul>
<div class="notes">{reading_notes}</div></section>
<section><h2>{_e(text("chart_trend", lang))}</h2>{_image(charts, "trend", text("alt_trend", lang, country=name))}</section>
<section class="page-break"><h2>{_e(sub_heading)}</h2>
{_image(charts, "subindices", text("alt_subindices", lang, country=name))}
{_subindex_table(content, lang)}</section>
<section><h2>{_e(text("heading_peers", lang, edition=edition))}</h2>{_peers_table(content, lang)}</section>
<section class="page-break">{_targets_section(content, lang)}</section>
<section class="outlook">{_outlook_section(content, lang, charts)}</section>
{_sources_section(content, lang)}
{_appendix(content, lang)}
</body></html>"""


@lru_cache(maxsize=1)
def prepare_printing() -> None:
    """Load weasyprint and warm its fonts (a tiny document in Latin and Khmer), once per process."""
    from weasyprint import HTML  # type: ignore[import-untyped]

    HTML(string='<p style="font-family: DejaVu Sans">0.5</p><p lang="km" style="font-family: Khmer OS System">០ក្ម</p>').render()


def brief_with_charts(content: ReportContent, lang: str, renderer: ChartRenderer) -> bytes:
    """The brief as PDF bytes, its charts drawn by `renderer` in a second thread while weasyprint gets ready in this
    one (the browser that draws them mostly waits on its own process). The renderer's errors (ChartRenderError)
    propagate."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="brief-charts") as pool:
        drawing = pool.submit(renderer, content, lang, "png")
        prepare_printing()
        charts = drawing.result()
    return build_brief(content, lang, charts)


def build_brief(content: ReportContent, lang: str, charts: Mapping[str, bytes]) -> bytes:
    """The brief as PDF bytes. `charts`: PNG images by name (see charts.CHARTS); a missing one is left out."""
    from weasyprint import HTML  # here: it takes a while to load, and only the brief needs it

    document = HTML(string=brief_html(content, lang, charts), base_url=str(STYLESHEET.parent))
    pdf: bytes = document.write_pdf()
    return pdf
