"""The province brief: two or three A4 pages of HTML printed to PDF by weasyprint, with the ministerial brief's style.

Page 1: headline cards (overall score and level, rank among the provinces assessed, indicators met, change since the
previous assessment), two messages written from the data, the criteria chart and table. Page 2: connectivity and human
capital against the national figure; the indicators not found on the portal. Then method and sources.

Demonstration answers get a FICTIONAL banner on top of the first two pages; demonstration panel values get one above
their table. Charts arrive as PNG bytes by name (`PROVINCE_CHARTS`); a missing chart is left out, the tables carry the
same numbers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from indicators.report.brief import PAGE_COUNTER, STYLESHEET, _card, _e, _image, _table, prepare_printing
from indicators.report.province import ProvinceReport
from indicators.report.strings import day, integer, missing, number, text

EXTRA_CSS = """
.fictional { border: 1.2mm solid #d55e00; color: #7a2e00; background: #fff1e8; padding: 2mm 3mm; margin: 3mm 0;
  font-weight: bold; font-size: 8.6pt; }
td.question { font-size: 7.8pt; }
"""


def _level_name(level: object, lang: str, report: ProvinceReport) -> str:
    found = next((lv for lv in report.questionnaire.levels if lv.code == level), None)
    return found.name(lang) if found is not None else "–"


def _cards(report: ProvinceReport, lang: str) -> str:
    overall = report.overall
    count = integer(overall["indicators"], lang)
    if missing(overall["score"]):
        detail = text("card_incomplete", lang, answered=integer(overall["answered"], lang), count=count)
        return _card(text("label_overall_score", lang), "–", detail)
    moved = number(overall["change"], lang, 2, signed=True)
    previous = integer(report.previous_year, lang)
    change = (
        text("card_change_since", lang, change=moved, previous=previous)
        if not missing(overall["change"])
        else text("card_first_assessment", lang)
    )
    rank_detail = text("card_rank_of", lang, count=integer(report.ranked, lang))
    return "".join(
        [
            _card(text("label_overall_score", lang), number(overall["score"], lang, 2), change),
            _card(text("label_level", lang), _level_name(overall["level"], lang, report), None),
            _card(text("label_province_rank", lang), integer(report.rank, lang), rank_detail),
            _card(text("label_points", lang), integer(overall["points"], lang), text("card_points_of", lang, count=count)),
        ]
    )


def messages(report: ProvinceReport, lang: str) -> list[str]:
    """Strongest and weakest criterion; how many more indicators the next level needs (none at the top level)."""
    criteria = report.profile[report.profile["part"] != "overall"].dropna(subset=["score"]).sort_values("score", kind="stable")
    said: list[str] = []
    if not criteria.empty:
        best, worst = criteria.iloc[-1], criteria.iloc[0]
        said.append(
            text(
                "province_msg_strongest",
                lang,
                criterion=best[f"name_{lang}"],
                score=number(best["score"], lang, 2),
                weakest=worst[f"name_{lang}"],
                weakest_score=number(worst["score"], lang, 2),
            )
        )
    overall = report.overall
    if not missing(overall["score"]):
        above = [lv for lv in report.questionnaire.levels if lv.above is not None and overall["score"] <= lv.above]
        if not above:
            said.append(text("province_msg_top_level", lang))
        else:
            target = above[-1]  # the next level up
            assert target.above is not None
            gap = math.floor(target.above * int(overall["indicators"])) + 1 - int(overall["points"])  # points needed to pass the cut-off
            threshold = number(target.above, lang, 2)
            said.append(text("province_msg_next_level", lang, gap=integer(gap, lang), level=target.name(lang), threshold=threshold))
    return said


def _criteria_table(report: ProvinceReport, lang: str) -> str:
    previous = report.previous_year
    headers = [
        (text("col_criterion", lang), False),
        (text("col_score", lang), True),
        (text("label_level", lang), False),
        (text("col_points", lang), True),
        *([(integer(previous, lang), True), (text("col_change", lang), True)] if previous else []),
    ]
    rows = []
    for record in report.profile.to_dict("records"):
        met = f"{integer(record['points'], lang)} / {integer(record['indicators'], lang)}"
        cells = [
            (_e(record[f"name_{lang}"]), False),
            (_e(number(record["score"], lang, 2)), True),
            (_e(_level_name(record["level"], lang, report)), False),
            (_e(met), True),
        ]
        if previous:
            cells += [(_e(number(record["previous"], lang, 2)), True), (_e(number(record["change"], lang, 2, signed=True)), True)]
        rows.append((cells, "entity" if record["part"] == "overall" else ""))
    return _table(headers, rows)


def _value(value: object, lang: str) -> str:
    return number(value, lang, 1)


def _panels_table(report: ProvinceReport, lang: str) -> str:
    shown = report.panels[report.panels["value"].notna()]
    if shown.empty:
        return f'<p class="muted">{_e(text("province_no_panel", lang))}</p>'
    headers = [
        (text("col_indicator", lang), False),
        (report.name(lang), True),
        (text("col_year", lang), True),
        (text("col_national", lang), True),
        (text("col_year", lang), True),
        (text("col_difference", lang), True),
        (text("col_source", lang), False),
    ]
    rows = []
    for record in shown.to_dict("records"):
        name = f"{record[f'name_{lang}']} ({record[f'unit_{lang}']})"
        cells = [
            (_e(name), False),
            (_e(_value(record["value"], lang)), True),
            (_e(integer(record["year"], lang)), True),
            (_e(_value(record["national"], lang)), True),
            (_e(integer(record["national_year"], lang)), True),
            (_e(number(record["difference"], lang, 1, signed=True)), True),
            (_e(record["source"]), False),
        ]
        rows.append((cells, ""))
    return _table(headers, rows)


def _not_found_table(report: ProvinceReport, lang: str) -> str:
    absent = report.answers[report.answers["answer"] == "no"]
    if absent.empty:
        return f'<p class="muted">{_e(text("province_none_missing", lang))}</p>'
    names = {c.code: c.name(lang) for c in report.questionnaire.criteria}
    headers = [(text("col_criterion", lang), False), (text("col_indicator", lang), False), (text("col_question", lang), False)]
    rows = []
    for record in absent.to_dict("records"):
        question = f'<span class="question">{_e(record[f"question_{lang}"])}</span>'
        rows.append(([(_e(names[str(record["criterion"])]), False), (_e(record["indicator"]), False), (question, False)], ""))
    return _table(headers, rows)


def _method_section(report: ProvinceReport, lang: str) -> str:
    questionnaire = report.questionnaire
    count = len(questionnaire.indicators)
    origins = questionnaire.origin_counts()
    status = text(f"method_{questionnaire.status}", lang)
    answer_sources = sorted({str(s) for s in report.answers["source"].dropna()})
    parts = [
        f"<h2>{_e(text('heading_province_method', lang))}</h2>",
        "<p>"
        + _e(
            text(
                "province_method",
                lang,
                title=questionnaire.title(lang),
                questionnaire=questionnaire.id,
                status=status,
                count=integer(count, lang),
            )
        )
        + "</p>",
        "<p>"
        + _e(
            text(
                "province_origins",
                lang,
                count=integer(count, lang),
                un=integer(origins["un"], lang),
                earlier=integer(origins["earlier"], lang),
                own=integer(origins["own"], lang),
            )
        )
        + "</p>",
    ]
    if answer_sources:
        shown = "; ".join(answer_sources[:12]) + ("; …" if len(answer_sources) > 12 else "")
        parts.append(f"<p class='small'>{_e(text('province_answer_sources', lang, sources=shown))}</p>")
    return f'<section class="sources">{"".join(parts)}</section>'


def province_brief_html(report: ProvinceReport, lang: str, charts: Mapping[str, bytes]) -> str:
    """The province brief as one HTML document (charts inlined as data URIs)."""
    name = report.name(lang)
    year = integer(report.year, lang)
    title = f"{text('province_brief_title', lang)}: {name} {year}"
    banner = f'<div class="fictional">{_e(text("province_fictional", lang))}</div>' if report.fictional_answers else ""
    panel_banner = f'<div class="fictional">{_e(text("province_fictional_panels", lang))}</div>' if report.fictional_panels else ""
    css = STYLESHEET.read_text(encoding="utf-8") + EXTRA_CSS
    css += f"\n@page {{ @bottom-right {{ content: {PAGE_COUNTER['km' if lang == 'km' else 'en']}; }} }}\n"
    said = "".join(f"<li>{_e(m)}</li>" for m in messages(report, lang))
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{_e(title)}</title>
<meta name="author" content="egov-readiness-cambodia"><style>{css}</style></head>
<body>
<span class="running-title">{_e(title)}</span>
<header class="masthead">
  <div class="kicker">{_e(text("province_brief_title", lang))}</div>
  <h1>{_e(name)}</h1>
  <p class="subtitle">{_e(text("province_subtitle", lang, year=year, questionnaire=report.questionnaire.id))}</p>
  <p class="prepared">{_e(text("label_created", lang))} {_e(day(report.created, lang))}</p>
</header>
{banner}
<section class="cards">{_cards(report, lang)}</section>
<section class="messages"><h2>{_e(text("heading_messages", lang))}</h2><ul>{said}</ul></section>
<section><h2>{_e(text("heading_criteria", lang))}</h2>
{_image(charts, "criteria", text("heading_criteria", lang))}
{_criteria_table(report, lang)}</section>
<section class="page-break">{banner}<h2>{_e(text("heading_panels", lang))}</h2>{panel_banner}{_panels_table(report, lang)}</section>
<section><h2>{_e(text("heading_not_found", lang))}</h2>{_not_found_table(report, lang)}</section>
{_method_section(report, lang)}
</body></html>"""


def build_province_brief(report: ProvinceReport, lang: str, charts: Mapping[str, bytes] | None = None) -> bytes:
    """The province brief as PDF bytes. `charts`: PNG images by name (PROVINCE_CHARTS); missing ones are left out."""
    prepare_printing()
    from weasyprint import HTML  # type: ignore[import-untyped]

    document = HTML(string=province_brief_html(report, lang, charts or {}), base_url=str(STYLESHEET.parent))
    pdf: bytes = document.write_pdf()
    return pdf
