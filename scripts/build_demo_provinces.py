"""Build the FICTIONAL demonstration data of the Provinces page in data/demo/ (run from the project folder):

    PYTHONPATH=. .venv/bin/python scripts/build_demo_provinces.py

Nothing here is real: the answers and panel values are drawn at random (fixed seed, so the files are reproducible)
around an invented "development factor" per province, so that the page looks plausible. Every file name and every
source text says FICTIONAL. Real national figures are not touched; the per-province adult literacy is left out on
purpose, because a real source exists (NIS census) and it must be imported, not invented.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from indicators.entities import load_provinces
from indicators.questionnaire import load_questionnaire

DEMO_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"
SEED = 2025
YEARS = (2023, 2025)
NOT_ASSESSED = {2023: {"KH-24"}}  # Pailin has no assessment in the first year: the page must show the gap
ANSWER_SOURCE = "FICTIONAL demonstration answer, not a real assessment"
PANEL_SOURCE = "FICTIONAL demonstration value, not a real statistic (scripts/build_demo_provinces.py)"
FACTOR = {  # invented, for plausibility only
    "KH-12": 1.0, "KH-8": 0.7, "KH-18": 0.7, "KH-17": 0.68, "KH-2": 0.66, "KH-1": 0.55, "KH-3": 0.55, "KH-7": 0.52,
    "KH-23": 0.5, "KH-21": 0.5, "KH-20": 0.5, "KH-5": 0.48, "KH-4": 0.45, "KH-9": 0.45, "KH-24": 0.45, "KH-25": 0.45,
    "KH-14": 0.42, "KH-6": 0.42, "KH-15": 0.42, "KH-10": 0.35, "KH-22": 0.3, "KH-13": 0.25, "KH-19": 0.25,
    "KH-16": 0.22, "KH-11": 0.2,
}  # fmt: skip
BASE = {"IF": 0.45, "CP": 0.6, "SP": 0.2, "PE": 0.3, "TE": 0.5}
PANELS = {  # indicator: (year, centre, spread by factor, noise, low, high)
    "internet_users_pct": (2023, 56.7, 0.9, 3.0, 15.0, 95.0),
    "mobile_subscriptions_per_100": (2023, 129.9, 0.6, 5.0, 60.0, 190.0),
    "mean_schooling_years": (2023, 5.2, 0.6, 0.2, 2.5, 9.5),
    "gross_enrolment_primary_pct": (2023, 105.0, 0.0, 6.0, 85.0, 125.0),
    "gross_enrolment_lower_secondary_pct": (2023, 55.0, 0.6, 4.0, 25.0, 95.0),
    "gross_enrolment_upper_secondary_pct": (2023, 30.0, 0.8, 3.0, 8.0, 70.0),
}


def answers(rng: np.random.Generator) -> dict[int, dict[tuple[str, str], bool]]:
    """{year: {(province, indicator): yes}}: the second year keeps most yes answers and turns some no into yes."""
    questionnaire = load_questionnaire("kh-losi-2022")
    result: dict[int, dict[tuple[str, str], bool]] = {year: {} for year in YEARS}
    for province, factor in FACTOR.items():
        for item in questionnaire.indicators:
            chance = float(np.clip(BASE[item.criterion] + 0.9 * (factor - 0.5), 0.02, 0.98))
            first = bool(rng.random() < chance)
            second = (rng.random() > 0.03) if first else bool(rng.random() < 0.15 + 0.1 * factor)
            result[YEARS[0]][(province, item.code)] = first
            result[YEARS[1]][(province, item.code)] = bool(second)
    return result


def write_answers(year: int, given: dict[tuple[str, str], bool]) -> Path:
    questionnaire = load_questionnaire("kh-losi-2022")
    register = load_provinces()
    path = DEMO_DIR / f"FICTIONAL-portal-assessment-{year}.csv"
    header = ["Criterion [criterion]", "Indicator [indicator]", "Question [question]"]
    for code in register.codes:
        header += [f"{register.name(code)} [{code}]", f"{register.name(code)}: source [{code} source]"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["FICTIONAL demonstration data: not a real assessment of any province's portal"])
        writer.writerow(["Questionnaire [questionnaire]", questionnaire.id])
        writer.writerow(["Assessment year [year]", year])
        writer.writerow(header)
        for item in questionnaire.indicators:
            row = [questionnaire.criterion(item.criterion).name_en, item.code, item.text_en]
            for code in register.codes:
                if code in NOT_ASSESSED.get(year, set()):
                    row += ["", ""]
                else:
                    row += ["yes" if given[(code, item.code)] else "no", ANSWER_SOURCE]
            writer.writerow(row)
    return path


def write_panels(rng: np.random.Generator) -> Path:
    path = DEMO_DIR / "FICTIONAL-provincial-panels.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["entity", "year", "indicator", "value", "source"])
        for province, factor in FACTOR.items():
            for indicator, (year, centre, spread, noise, low, high) in PANELS.items():
                value = centre * (1 - spread / 2 + spread * factor) + rng.normal(0.0, noise)
                writer.writerow([province, year, indicator, f"{float(np.clip(value, low, high)):.1f}", PANEL_SOURCE])
    return path


def main() -> None:
    DEMO_DIR.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    for year, given in answers(rng).items():
        print(write_answers(year, given))
    print(write_panels(rng))


if __name__ == "__main__":
    main()
