"""Ingest: from a file as downloaded to checked tidy rows, and into the store.

One reader (`readers`: CSV in `text_tables`, workbooks in `workbooks` behind `workbook_guard`, the World Bank zip),
one module per file layout (`published` for UN DESA and UNU-EGOV results, `template`, `long_format`,
`wide_format`, `worldbank`, `itu_datahub`, `itu_legacy`, `itu_baskets`, `sdmx`, `uis`, `undp`, `nis`), chosen by
`loaders.load_file`; one entity matcher (`entity_match`) and one series map (`mappings`) over the publisher
knowledge in data/sources; one validator (`validate`, `cells`) whose skipped rows are counted (`tally`) and whose
problems form the issue table (`issues`); `finish`, `describe` (one line per file) and `jumps`; and the import
orchestration (`imports`, `folders`: all files land in one transaction, or none) and its background runner (`jobs`);
the provincial questionnaire sheet of the template (`questionnaire_sheet`).

For a user interface: `load_for_import` / `import_files` give per file a `FileImport`; show
`describe(item.loaded, lang)` as its one-line summary, `render_summary(item.issues, lang)` or `summarise(...)` as
the grouped problems, and offer `issues_frame(item.issues)` as the full table (for a CSV download).
"""

from indicators.ingest.describe import describe
from indicators.ingest.imports import import_files, open_seeded_store
from indicators.ingest.issues import Issue, issues_frame, render_summary, summarise
from indicators.ingest.loaders import load_file
from indicators.ingest.result import LoadOptions, LoadResult

__all__ = [
    "Issue",
    "LoadOptions",
    "LoadResult",
    "describe",
    "import_files",
    "issues_frame",
    "load_file",
    "open_seeded_store",
    "render_summary",
    "summarise",
]
