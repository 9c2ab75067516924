"""The command line's own words in English and Khmer (`--lang km`): where a problem is (file, sheet, row, column),
its severity, and the last line of a refused command. The problems' own messages come from `indicators.i18n`."""

from __future__ import annotations

from collections.abc import Iterable

from indicators.ingest.issues import Issue

KHMER_DIGITS = str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")
WORDS: dict[str, dict[str, str]] = {
    "sheet": {"en": "sheet '{name}'", "km": "សន្លឹក '{name}'"},
    "row": {"en": "row {row}", "km": "ជួរដេកទី {row}"},
    "column": {"en": "column '{name}'", "km": "ជួរឈរ '{name}'"},
    "error": {"en": "ERROR", "km": "កំហុស"},
    "warning": {"en": "WARNING", "km": "ព្រមាន"},
    "info": {"en": "NOTE", "km": "កំណត់ចំណាំ"},
    "error_prefix": {"en": "error: {message}", "km": "កំហុស៖ {message}"},
    "import_refused": {
        "en": "refused: {files}; see the problems above. The store is unchanged ({store}).",
        "km": "បានបដិសេធ៖ {files}៖ សូមមើលបញ្ហាខាងលើ។ ឃ្លាំងទិន្នន័យមិនបានផ្លាស់ប្តូរទេ ({store})។",
    },
    "validate_refused": {
        "en": "refused: {files}; see the problems above; nothing was written.",
        "km": "បានបដិសេធ៖ {files}៖ សូមមើលបញ្ហាខាងលើ៖ គ្មានអ្វីត្រូវបានសរសេរទេ។",
    },
    "score_refused": {
        "en": "{file}: refused, see the problems above; nothing was scored.",
        "km": "{file}៖ បានបដិសេធ សូមមើលបញ្ហាខាងលើ៖ គ្មានអ្វីត្រូវបានគណនាពិន្ទុទេ។",
    },
    "compute_refused": {
        "en": "{file}: refused, see the problems above; nothing was computed.",
        "km": "{file}៖ បានបដិសេធ សូមមើលបញ្ហាខាងលើ៖ គ្មានអ្វីត្រូវបានគណនាទេ។",
    },
}


def word(key: str, lang: str, **params: object) -> str:
    return WORDS[key]["km" if lang == "km" else "en"].format(**params)


def location(issue: Issue, lang: str) -> str:
    """'file.csv, row 3, column 'OSI'' — in Khmer with Khmer digits."""
    place = [issue.file]
    if issue.sheet:
        place.append(word("sheet", lang, name=issue.sheet))
    if issue.row is not None:
        row = str(issue.row).translate(KHMER_DIGITS) if lang == "km" else str(issue.row)
        place.append(word("row", lang, row=row))
    if issue.column:
        place.append(word("column", lang, name=issue.column))
    return ", ".join(p for p in place if p)


def issue_lines(issues: Iterable[Issue], lang: str) -> str:
    """One line per problem: severity, where it is, what it is, in `lang`."""
    return "\n".join(
        f"{word(issue.severity, lang):7} {location(issue, lang)}: {issue.message_km if lang == 'km' else issue.message}" for issue in issues
    )
