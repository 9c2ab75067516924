"""Ingest: from a file as downloaded to checked tidy rows, and into the store.

Safe reading (`readers`, `workbook_guard`, `cells`); one module per file layout (`published` for the UN's
results, `template`, `long_format`, `wide_format`), chosen by `loaders.load_file`; entity and series matching
(`mappings`); validation with its issue table (`validate`, `issues`, `jumps`); and the import orchestration
(`imports`: all files land in one transaction, or none) and its background runner (`jobs`).

Exports: `load_file`, `LoadResult`, `Issue`, `import_files`, `open_seeded_store`.
"""

from indicators.ingest.imports import import_files, open_seeded_store
from indicators.ingest.issues import Issue
from indicators.ingest.loaders import load_file
from indicators.ingest.result import LoadResult

__all__ = ["Issue", "LoadResult", "import_files", "load_file", "open_seeded_store"]
