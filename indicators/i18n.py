"""Messages a user sees from the core, in English and Khmer.

Every problem the core reports has a code; its text lives here once per language and is filled in with
`str.format` parameters. The Dash layouts keep their own strings in `layouts/i18n.py`.
"""

from __future__ import annotations

LANGUAGES = ("en", "km")

MESSAGES: dict[str, dict[str, str]] = {
    "unknown_entity": {
        "en": "Unknown {kind} '{value}'. Did you mean: {suggestions}?",
        "km": "មិនស្គាល់{kind_km} '{value}'។ តើអ្នកចង់សំដៅលើ៖ {suggestions}?",
    },
    "unknown_entity_no_suggestion": {
        "en": "Unknown {kind} '{value}'; no similar name is known.",
        "km": "មិនស្គាល់{kind_km} '{value}'។ គ្មានឈ្មោះស្រដៀងគ្នាទេ។",
    },
    "unknown_indicator": {
        "en": "Unknown indicator code '{value}'. Known codes: {known}.",
        "km": "មិនស្គាល់កូដសូចនាករ '{value}'។ កូដដែលស្គាល់៖ {known}។",
    },
    "not_a_number": {
        "en": "'{value}' is not a number.",
        "km": "'{value}' មិនមែនជាលេខទេ។",
    },
    "missing_value": {
        "en": "The value is empty.",
        "km": "តម្លៃនេះទទេ។",
    },
    "out_of_range": {
        "en": "{value} is outside the valid range {min}–{max} of {indicator}.",
        "km": "{value} នៅក្រៅចន្លោះត្រឹមត្រូវ {min}–{max} នៃ {indicator}។",
    },
    "source_anomaly": {
        "en": "{indicator} = {value} is above 1, outside the index range: an anomaly of the published source, kept and flagged.",
        "km": "{indicator} = {value} លើសពី ១ ក្រៅចន្លោះសន្ទស្សន៍៖ ភាពមិនប្រក្រតីនៃប្រភពដែលបានផ្សព្វផ្សាយ ត្រូវបានរក្សាទុក និងសម្គាល់។",
    },
    "missing_column": {
        "en": "Required column '{column}' is missing. Columns found: {found}.",
        "km": "ខ្វះជួរឈរចាំបាច់ '{column}'។ ជួរឈរដែលមាន៖ {found}។",
    },
    "duplicate_conflict": {
        "en": "{entity} has different values for {indicator} in {year}: {values}.",
        "km": "{entity} មានតម្លៃខុសគ្នាសម្រាប់ {indicator} ក្នុងឆ្នាំ {year}៖ {values}។",
    },
    "bad_year": {
        "en": "Year '{value}' is not a year between {min} and {max}.",
        "km": "ឆ្នាំ '{value}' មិនមែនជាឆ្នាំចន្លោះ {min} និង {max} ទេ។",
    },
    "empty_file": {
        "en": "The file has no data rows.",
        "km": "ឯកសារនេះគ្មានជួរទិន្នន័យទេ។",
    },
    "unreadable_file": {
        "en": "The file cannot be read as {kind}: {reason}",
        "km": "មិនអាចអានឯកសារនេះជា {kind} បានទេ៖ {reason}",
    },
    "unsupported_format": {
        "en": "Unsupported file type '{value}'. Accepted: .csv, .xlsx.",
        "km": "ប្រភេទឯកសារ '{value}' មិនត្រូវបានគាំទ្រទេ។ ទទួលយក៖ .csv, .xlsx។",
    },
    "file_not_found": {
        "en": "File not found.",
        "km": "រកមិនឃើញឯកសារ។",
    },
    "not_assessed": {
        "en": "{country} was not assessed in {edition}: all values are zero and there is no rank (not yet a UN Member State).",
        "km": "{country} មិនត្រូវបានវាយតម្លៃក្នុងឆ្នាំ {edition} ទេ៖ តម្លៃទាំងអស់ជាសូន្យ ហើយគ្មានចំណាត់ថ្នាក់ (មិនទាន់ជារដ្ឋសមាជិកអង្គការសហប្រជាជាតិ)។",
    },
    "missing_rank": {
        "en": "The rank is empty although the country has scores.",
        "km": "ចំណាត់ថ្នាក់ទទេ ទោះបីប្រទេសនេះមានពិន្ទុក៏ដោយ។",
    },
    "duplicate_country": {
        "en": "{country} appears more than once in edition {edition} (rows {rows}).",
        "km": "{country} មានច្រើនជាងម្តងក្នុងឆ្នាំ {edition} (ជួរ {rows})។",
    },
    "unknown_edition": {
        "en": "No methodology file for edition {edition}. Available editions: {available}.",
        "km": "គ្មានឯកសារវិធីសាស្ត្រសម្រាប់ឆ្នាំ {edition} ទេ។ ឆ្នាំដែលមាន៖ {available}។",
    },
    "invalid_methodology": {
        "en": "Methodology file: {detail}",
        "km": "ឯកសារវិធីសាស្ត្រ៖ {detail}",
    },
    "no_scorable_data": {
        "en": "No indicator of the {edition} methodology has data in this file; it needs some of: {codes}.",
        "km": "គ្មានសូចនាករណាមួយនៃវិធីសាស្ត្រឆ្នាំ {edition} មានទិន្នន័យក្នុងឯកសារនេះទេ។ ត្រូវការ៖ {codes}។",
    },
}

KIND_KM = {"country": "ប្រទេស", "province": "ខេត្ត", "entity": "អង្គភាព"}


def message(code: str, lang: str = "en", **params: object) -> str:
    """The text of message `code` in `lang`, filled in with `params`."""
    template = MESSAGES[code]["km" if lang == "km" else "en"]
    if "kind" in params:
        params.setdefault("kind_km", KIND_KM.get(str(params["kind"]), str(params["kind"])))
    return template.format(**params)
