"""One line per file saying what was recognised, in English or Khmer, for the import output and the Data page:

World Bank bulk CSV, 1 series: IT.NET.USER.ZS → internet_users_pct; 5,953 values of 193 countries, 1990–2022;
skipped: 49 aggregates, 24 territories
"""

from __future__ import annotations

import pandas as pd

from indicators.ingest.issues import has_errors
from indicators.ingest.result import LoadResult

LAYOUT_LABELS: dict[str, dict[str, str]] = {
    "published": {"en": "UN DESA published results", "km": "លទ្ធផលដែលបានផ្សព្វផ្សាយរបស់ UN DESA"},
    "unu": {"en": "UNU-EGOV EGDI file", "km": "ឯកសារ EGDI របស់ UNU-EGOV"},
    "template": {"en": "National data template", "km": "គំរូទិន្នន័យជាតិ"},
    "long": {"en": "Long table", "km": "តារាងបណ្តោយ"},
    "wide": {"en": "Wide table by year", "km": "តារាងទទឹងតាមឆ្នាំ"},
    "worldbank_bulk": {"en": "World Bank bulk CSV", "km": "ឯកសារ CSV ទាញយករបស់ធនាគារពិភពលោក"},
    "worldbank_bulk_zip": {"en": "World Bank bulk download (zip)", "km": "ឯកសារ ZIP ទាញយករបស់ធនាគារពិភពលោក"},
    "worldbank_excel": {"en": "World Bank Excel download", "km": "ឯកសារ Excel ទាញយករបស់ធនាគារពិភពលោក"},
    "worldbank_databank": {"en": "World Bank DataBank export (series by year)", "km": "ឯកសារនាំចេញ DataBank (ស៊េរីតាមឆ្នាំ)"},
    "worldbank_databank_time": {"en": "World Bank DataBank export (time as rows)", "km": "ឯកសារនាំចេញ DataBank (ពេលវេលាជាជួរដេក)"},
    "worldbank_single": {"en": "World Bank single-series table", "km": "តារាងស៊េរីតែមួយរបស់ធនាគារពិភពលោក"},
    "itu_datahub": {"en": "ITU DataHub export", "km": "ឯកសារនាំចេញ ITU DataHub"},
    "itu_country_file": {"en": "ITU country file", "km": "ឯកសារប្រទេសរបស់ ITU"},
    "itu_price_baskets": {"en": "ITU ICT Price Baskets", "km": "កញ្ចប់តម្លៃ ICT របស់ ITU"},
    "sdmx": {"en": "Data360/SDMX export", "km": "ឯកសារនាំចេញ Data360/SDMX"},
    "uis": {"en": "UNESCO UIS.Stat export", "km": "ឯកសារនាំចេញ UNESCO UIS.Stat"},
    "undp_hdr": {"en": "UNDP HDR time series", "km": "ស៊េរីពេលវេលា HDR របស់ UNDP"},
    "nis_provinces": {"en": "Cambodia NIS province table", "km": "តារាងខេត្តរបស់វិទ្យាស្ថានជាតិស្ថិតិ"},
}
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "series": "{count} series",
        "values": "{values} values of {entities} {kind}",
        "years": "{first}–{last}",
        "skipped": "skipped: {parts}",
        "refused": "refused ({errors} problems)",
        "refused_1": "refused (1 problem)",
        "values_1": "1 value of {entities} {kind}",
        "unknown": "Layout not recognised",
        "aggregate": "{count} aggregates",
        "territory": "{count} territories",
        "national total": "{count} totals",
        "unused": "{count} series not used",
        "no_value": "{count} cells without a value",
        "derived": "{count} combined GER derived",
        "country": "countries",
        "province": "provinces",
        "entity": "entities",
        "country_1": "country",
        "province_1": "province",
        "entity_1": "entity",
    },
    "km": {
        "series": "ស៊េរី {count}",
        "values": "តម្លៃ {values} នៃ{kind} {entities}",
        "years": "{first}–{last}",
        "skipped": "បានរំលង៖ {parts}",
        "refused": "ត្រូវបានបដិសេធ (បញ្ហា {errors})",
        "unknown": "មិនស្គាល់ប្លង់",
        "aggregate": "ក្រុម {count}",
        "territory": "ដែនដី {count}",
        "national total": "ចំនួនសរុប {count}",
        "unused": "ស៊េរីមិនប្រើ {count}",
        "no_value": "ក្រឡាគ្មានតម្លៃ {count}",
        "derived": "GER រួមដែលបានគណនា {count}",
        "country": "ប្រទេស",
        "province": "ខេត្ត",
        "entity": "អង្គភាព",
    },
}


def _counted(words: dict[str, str], key: str, count: int) -> str:
    """The word `key` for `count` things: its singular form (`key_1`) for one, where the language has one."""
    return words.get(f"{key}_1", words[key]) if count == 1 else words[key]


def describe(result: LoadResult, lang: str = "en") -> str:
    """What was recognised in a loaded file, in one line (see the module docstring)."""
    words = WORDS["km" if lang == "km" else "en"]
    label = LAYOUT_LABELS.get(result.layout, {}).get("km" if lang == "km" else "en", words["unknown"])
    if has_errors(result.issues):
        errors = sum(issue.severity == "error" for issue in result.issues)
        return f"{label}: {_counted(words, 'refused', errors).format(errors=f'{errors:,}')}"
    tally, tidy = result.tally, result.tidy
    mapped = [(series, code) for code, found in tally.series.items() for series in found]
    if not mapped and not tidy.empty:
        mapped = [(code, code) for code in pd.unique(tidy["indicator"])]
    parts = [label]
    if mapped:
        pairs = ", ".join(series if series == code else f"{series} → {code}" for series, code in mapped)
        parts.append(f"{words['series'].format(count=len(mapped))}: {pairs}")
    entities = tidy["entity"].nunique()
    kind = _counted(words, result.entity_kind if result.entity_kind in ("country", "province") else "entity", entities)
    summary = _counted(words, "values", len(tidy)).format(values=f"{len(tidy):,}", entities=f"{entities:,}", kind=kind)
    years = tidy["year"].dropna()
    if len(years):
        first, last = int(years.min()), int(years.max())
        summary += ", " + (str(first) if first == last else words["years"].format(first=first, last=last))
    skipped = [words[kind_].format(count=f"{len(names):,}") for kind_, names in tally.skipped.items()]
    if tally.unused:
        skipped.append(words["unused"].format(count=f"{len(tally.unused):,}"))
    if tally.no_value:
        skipped.append(words["no_value"].format(count=f"{sum(c.rows for c in tally.no_value.values()):,}"))
    text = ", ".join(parts) + "; " + summary
    if tally.derived:
        text += "; " + words["derived"].format(count=f"{tally.derived:,}")
    if skipped:
        text += "; " + words["skipped"].format(parts=", ".join(skipped))
    return text
