"""Report commands: `report` writes the Excel workbook, the PDF brief, the CSV table or a chart image of one country, or
the PDF brief of one province's portal assessment."""

from __future__ import annotations

import argparse
from pathlib import Path

from indicators.cli.common import EXIT_REFUSED, EXIT_USAGE, CommandError, Subcommands, add_db_option, open_store_or_error
from indicators.report import (
    ChartRenderer,
    ChartRenderError,
    ReportContent,
    ReportError,
    brief_with_charts,
    build_workbook,
    gather,
    table_csv,
)
from indicators.report import tables as report_tables
from indicators.report.province import gather_province
from indicators.report.province_brief import build_province_brief

REPORT_FORMATS = ("xlsx", "pdf", "csv", "png", "svg")
CHART_FORMATS = ("pdf", "png", "svg")


def _report_format(args: argparse.Namespace) -> str:
    suffix = Path(args.output).suffix.casefold().lstrip(".")
    fmt = args.format or suffix
    if fmt not in REPORT_FORMATS:
        raise CommandError(
            f"--output {args.output}: give --format {'|'.join(REPORT_FORMATS)} or a file name ending in one of them", EXIT_USAGE
        )
    if suffix != fmt:
        raise CommandError(f"--output {args.output}: a {fmt} report needs a file name ending in .{fmt}", EXIT_USAGE)
    return fmt


def _report_bytes(content: ReportContent, fmt: str, lang: str, renderer: ChartRenderer | None) -> bytes:
    if fmt == "xlsx":
        return build_workbook(content, lang)
    if fmt == "csv":
        return table_csv(report_tables.history(content, lang), lang)
    assert renderer is not None
    try:
        if fmt == "pdf":
            return brief_with_charts(content, lang, renderer)
        return renderer(content, lang, fmt)["trend"]
    except ChartRenderError as exc:
        raise CommandError(f"cannot draw the charts: {exc}") from exc


def _province_report(args: argparse.Namespace, fmt: str) -> int:
    """The province brief (PDF only; its criteria chart is drawn only by the dashboard, so the command leaves it out)."""
    if fmt != "pdf":
        raise CommandError(f"--province: only the pdf brief is made for a province, not {fmt}", EXIT_USAGE)
    store = open_store_or_error(args)
    try:
        report = gather_province(store, args.province, args.edition)
    except ReportError as exc:
        raise CommandError(exc.message(args.lang), EXIT_USAGE if exc.key.startswith("unknown_province") else EXIT_REFUSED) from exc
    data = build_province_brief(report, args.lang)
    try:
        path = Path(args.output)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise CommandError(f"cannot write {args.output}: {exc.strerror or exc}") from exc
    label = " (FICTIONAL demonstration data)" if report.fictional else ""
    print(f"Wrote the province brief on {report.name_en}, assessment {report.year}{label} ({args.lang}), to {args.output}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    fmt = _report_format(args)
    if args.province:
        return _province_report(args, fmt)
    renderer: ChartRenderer | None = getattr(args, "chart_renderer", None)
    if fmt in CHART_FORMATS and renderer is None:
        raise CommandError(
            f"a {fmt} report needs chart rendering, which this entry point does not provide: run `python -m indicators report ...`",
            EXIT_USAGE,
        )
    store = open_store_or_error(args)
    try:
        content = gather(store, args.entity, args.edition)
    except ReportError as exc:
        raise CommandError(exc.message(args.lang), EXIT_USAGE if exc.key.startswith("unknown_entity") else EXIT_REFUSED) from exc
    data = _report_bytes(content, fmt, args.lang, renderer)
    try:
        path = Path(args.output)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise CommandError(f"cannot write {args.output}: {exc.strerror or exc}") from exc
    print(f"Wrote the {fmt} report on {content.name_en}, edition {content.edition} ({args.lang}), to {args.output}")
    return 0


def add_commands(commands: Subcommands[argparse.ArgumentParser], with_lang: argparse.ArgumentParser) -> None:

    p = commands.add_parser(
        "report",
        parents=[with_lang],
        help="write a report on one country: Excel workbook, PDF brief, CSV table or chart image",
        description="Write a report on one country and survey edition from the store, in English or Khmer (--lang): "
        "xlsx, the Excel workbook (cover, summary, sub-indices by edition, components, ASEAN peers, targets, sources and "
        "method, with native charts); pdf, the ministerial brief (headline figures, key messages, charts, peers, targets, "
        "sources); csv, the sub-indices by edition; png or svg, the trend chart. With --province, the PDF brief of a "
        "province's portal assessment (criteria, rank among provinces, change, connectivity and human capital against the "
        "national figure, indicators not found, method).",
    )
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--entity", metavar="ISO3", help="the country: ISO3 code (KHM) or name")
    who.add_argument(
        "--province",
        metavar="CODE",
        help="a province instead (code such as KH-12, or name): the PDF brief of its portal assessment; --edition is the assessment year",
    )
    p.add_argument("--format", choices=REPORT_FORMATS, help="what to write (default: from the --output suffix)")
    p.add_argument("--edition", type=int, metavar="E", help="survey edition, or assessment year with --province (default: the latest)")
    p.add_argument("--output", required=True, metavar="FILE", help="output file, ending in .xlsx, .pdf, .csv, .png or .svg")
    add_db_option(p)
    p.set_defaults(run=cmd_report)
