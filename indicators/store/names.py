"""Datasets, versions and users as people say them ("UN E-Government Survey 2024, imported by Sokha on 12 March 2026"),
in English and Khmer. The codes (`published:2024`, `bundled:undesa-cambodia-asean`, `cli`) stay in the store and in
the technical details; people read these names."""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from indicators.catalogue import load_catalogue
from indicators.paths import BUNDLE_DIR

DIGITS = str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")
MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"),
    "km": ("មករា", "កុម្ភៈ", "មីនា", "មេសា", "ឧសភា", "មិថុនា", "កក្កដា", "សីហា", "កញ្ញា", "តុលា", "វិច្ឆិកា", "ធ្នូ"),
}
NAMES: dict[str, dict[str, str]] = {
    "published": {"en": "UN E-Government Survey {editions}", "km": "ការស្ទង់មតិរដ្ឋាភិបាលអេឡិចត្រូនិករបស់អង្គការសហប្រជាជាតិ {editions}"},
    "bundled:undesa-cambodia-asean": {
        "en": "UN E-Government Survey results for Cambodia and ASEAN, bundled with this tool",
        "km": "លទ្ធផលការស្ទង់មតិរដ្ឋាភិបាលអេឡិចត្រូនិករបស់អង្គការសហប្រជាជាតិ សម្រាប់កម្ពុជា និងអាស៊ាន ភ្ជាប់មកជាមួយឧបករណ៍នេះ",
    },
    "bundled:cambodia-indicators": {
        "en": "Cambodia's national indicators, bundled with this tool",
        "km": "សូចនាករជាតិរបស់កម្ពុជា ភ្ជាប់មកជាមួយឧបករណ៍នេះ",
    },
    "bundled:undesa": {
        "en": "UN E-Government Survey {edition}, bundled with this tool",
        "km": "ការស្ទង់មតិរដ្ឋាភិបាលអេឡិចត្រូនិករបស់អង្គការសហប្រជាជាតិ {edition} ភ្ជាប់មកជាមួយឧបករណ៍នេះ",
    },
    "bundled:components": {
        "en": "{indicators} from {publisher} (release {vintage}), bundled with this tool",
        "km": "{indicators} ពី {publisher} (ការចេញផ្សាយ {vintage}) ភ្ជាប់មកជាមួយឧបករណ៍នេះ",
    },
    "targets": {"en": "Digital Government Policy targets", "km": "គោលដៅនៃគោលនយោបាយរដ្ឋាភិបាលឌីជីថល"},
    "scenario": {"en": "Scenario “{name}”", "km": "សេណារីយ៉ូ “{name}”"},
    "long": {"en": "Indicator table “{name}”", "km": "តារាងសូចនាករ “{name}”"},
    "wide": {"en": "Indicator table by year “{name}”", "km": "តារាងសូចនាករតាមឆ្នាំ “{name}”"},
    "template": {"en": "National data template “{name}”", "km": "គំរូទិន្នន័យជាតិ “{name}”"},
    "other": {"en": "Data “{name}”", "km": "ទិន្នន័យ “{name}”"},
    "user:cli": {"en": "the command line", "km": "បន្ទាត់បញ្ជា"},
    "user:bundled data": {"en": "this tool", "km": "ឧបករណ៍នេះ"},
    "user:dashboard": {"en": "dashboard (not signed in)", "km": "ផ្ទាំងគ្រប់គ្រង (មិនបានចូលគណនី)"},
    "version": {"en": "{dataset}, imported by {user} on {day}", "km": "{dataset} នាំចូលដោយ {user} នៅថ្ងៃទី {day}"},
    "and": {"en": " and ", "km": " និង "},
}
DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
BUNDLED_EDITION = re.compile(r"^bundled:undesa-(\d{4})$")


def _text(key: str, lang: str, **params: str) -> str:
    return NAMES[key]["km" if lang == "km" else "en"].format(**params)


def _digits(text: str, lang: str) -> str:
    return text.translate(DIGITS) if lang == "km" else text


def dataset_name(dataset: str, lang: str) -> str:
    """`published:2022+2024` → 'UN E-Government Survey 2022 and 2024'; `scenario:OSI push` → 'Scenario “OSI push”';
    a bundled dataset by what it holds; any other `kind:name` by its kind and name."""
    if dataset in NAMES:
        return _text(dataset, lang)
    edition = BUNDLED_EDITION.match(dataset)
    if edition:
        return _text("bundled:undesa", lang, edition=_digits(edition.group(1), lang))
    kind, _, name = dataset.partition(":")
    if kind == "bundled" and name in _bundled_files(lang):
        return _bundled_files(lang)[name]
    if kind == "published" and name:
        editions = [_digits(e, lang) for e in name.split("+")]
        joined = ", ".join(editions[:-1]) + _text("and", lang) + editions[-1] if len(editions) > 1 else editions[0]
        return _text("published", lang, editions=joined)
    return _text(kind if kind in ("scenario", "long", "wide", "template") else "other", lang, name=name or kind)


@lru_cache(maxsize=2)
def _bundled_files(lang: str) -> dict[str, str]:
    """The name of each bundled component dataset (data/bundled/components-files.csv): what it holds, who publishes
    it and which release, e.g. 'Internet users from World Bank, World Development Indicators (release 2026-07-13)'."""
    code = "km" if lang == "km" else "en"
    with (BUNDLE_DIR / "attributions.csv").open(encoding="utf-8", newline="") as handle:
        publishers = {row["publisher"]: row[f"name_{code}"] for row in csv.DictReader(handle)}
    catalogue, names = load_catalogue(), {}
    with (BUNDLE_DIR / "components-files.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            held = _text("and", lang).join(catalogue[c].name(lang) if c in catalogue else c for c in row["indicators"].split())
            publisher = publishers.get(row["publisher"], row["publisher"])
            names[row["dataset"]] = _text(
                "bundled:components", lang, indicators=held, publisher=publisher, vintage=_digits(row["vintage"], lang)
            )
    return names


def user_name(user: str, lang: str) -> str:
    """Who made a version: the person's name, or what the code means ('cli' → 'the command line')."""
    key = f"user:{user}"
    return _text(key, lang) if key in NAMES else user


def day_name(created_at: str, lang: str) -> str:
    """`2026-03-12T09:30:00Z` → '12 March 2026' (Khmer digits and month in Khmer); the text itself when unreadable."""
    found = DATE.match(created_at or "")
    if not found:
        return created_at
    year, month, day = (int(part) for part in found.groups())
    return _digits(f"{day} {MONTHS['km' if lang == 'km' else 'en'][month - 1]} {year}", lang)


def version_name(dataset: str, user: str, created_at: str, lang: str) -> str:
    """'UN E-Government Survey 2024, imported by Sokha on 12 March 2026'."""
    return _text("version", lang, dataset=dataset_name(dataset, lang), user=user_name(user, lang), day=day_name(created_at, lang))
