"""Strings the dashboard shows, in English and Khmer."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "title": {"en": "E-Government Readiness: Cambodia", "km": "ការត្រៀមខ្លួនរដ្ឋាភិបាលអេឡិចត្រូនិក៖ កម្ពុជា"},
    "subtitle": {
        "en": "UN E-Government Development Index (EGDI) and its sub-indices, by survey edition",
        "km": "សន្ទស្សន៍អភិវឌ្ឍន៍រដ្ឋាភិបាលអេឡិចត្រូនិក (EGDI) របស់អង្គការសហប្រជាជាតិ និងអនុសន្ទស្សន៍ តាមការស្ទង់មតិនីមួយៗ",
    },
    "latest": {"en": "Latest edition", "km": "ការស្ទង់មតិចុងក្រោយ"},
    "world_rank": {"en": "World rank", "km": "ចំណាត់ថ្នាក់ពិភពលោក"},
    "group": {"en": "EGDI group", "km": "ក្រុម EGDI"},
    "edition": {"en": "Edition", "km": "ឆ្នាំស្ទង់មតិ"},
    "source": {"en": "Source: UN E-Government Survey, UN DESA.", "km": "ប្រភព៖ ការស្ទង់មតិរដ្ឋាភិបាលអេឡិចត្រូនិករបស់អង្គការសហប្រជាជាតិ (UN DESA)។"},
    "Very High": {"en": "Very High", "km": "ខ្ពស់បំផុត"},
    "High": {"en": "High", "km": "ខ្ពស់"},
    "Middle": {"en": "Middle", "km": "មធ្យម"},
    "Low": {"en": "Low", "km": "ទាប"},
    "egdi": {"en": "EGDI", "km": "EGDI"},
    "osi": {"en": "Online Service Index", "km": "សន្ទស្សន៍សេវាអនឡាញ"},
    "tii": {"en": "Telecommunication Infrastructure Index", "km": "សន្ទស្សន៍ហេដ្ឋារចនាសម្ព័ន្ធទូរគមនាគមន៍"},
    "hci": {"en": "Human Capital Index", "km": "សន្ទស្សន៍មូលធនមនុស្ស"},
    "epi": {"en": "E-Participation Index", "km": "សន្ទស្សន៍ការចូលរួមតាមអេឡិចត្រូនិក"},
    "index_value": {"en": "Index value (0–1)", "km": "តម្លៃសន្ទស្សន៍ (០–១)"},
}


def t(key: str, lang: str) -> str:
    """The string `key` in `lang` (English when the language is unknown)."""
    entry = STRINGS[key]
    return entry.get(lang, entry["en"])
