"""The provincial portal questionnaires (LOSI-style): one YAML file per edition, `data/methodology/kh-losi-YYYY.yaml`.

Shared vocabulary, like the indicator catalogue: the data template writes and reads the questionnaire sheet with it
(ingest), the method scores the answers with it. A file holds criteria, each with binary indicators (question text
in English and Khmer and an `origin`: source, confirmed, note), the scoring rule and the levels with their fixed
thresholds. Files are validated when they load; every problem is reported at once, located by its key path and line
in the file, in English and Khmer.

An answer is stored as a tidy value: entity (province code), year (of the assessment), indicator
`losi:<questionnaire id>:<indicator code>` (see `answer_code`), value 1 (yes) or 0 (no), and its source.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from indicators.i18n import message
from indicators.paths import METHODOLOGY_DIR

ANSWER_PREFIX = "losi:"
FILE_PATTERN = "kh-losi-[0-9][0-9][0-9][0-9].yaml"
STATUSES = ("confirmed", "unconfirmed")
SCORING_RULES = ("share_of_points",)
CRITERION_CODE = re.compile(r"[A-Z]{2}")
INDICATOR_CODE = re.compile(r"[A-Z]{2}[0-9]{2}")
REQUIRED = ("schema_version", "id", "edition", "title", "entity_kind", "status", "sources", "scoring", "levels", "criteria")


@dataclass(frozen=True)
class Origin:
    source: str
    confirmed: bool
    note: str


@dataclass(frozen=True)
class Indicator:
    code: str
    criterion: str
    text_en: str
    text_km: str
    origin: Origin

    def text(self, lang: str = "en") -> str:
        return self.text_km if lang == "km" else self.text_en


@dataclass(frozen=True)
class Criterion:
    code: str
    name_en: str
    name_km: str
    indicators: tuple[Indicator, ...]
    origin: Origin

    def name(self, lang: str = "en") -> str:
        return self.name_km if lang == "km" else self.name_en


@dataclass(frozen=True)
class Level:
    """A level holds the scores strictly above `above` (the last level has no lower bound)."""

    code: str
    above: float | None
    name_en: str
    name_km: str

    def name(self, lang: str = "en") -> str:
        return self.name_km if lang == "km" else self.name_en


@dataclass(frozen=True)
class Questionnaire:
    id: str
    edition: int
    title_en: str
    title_km: str
    status: str
    sources: dict[str, str]
    scoring_rule: str
    criteria: tuple[Criterion, ...]
    levels: tuple[Level, ...]
    origins: dict[str, Origin]  # "scoring", "levels" and each criterion code
    checksum: str
    path: str

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(item for criterion in self.criteria for item in criterion.indicators)

    def criterion(self, code: str) -> Criterion:
        return next(c for c in self.criteria if c.code == code)

    def answer_code(self, indicator: str) -> str:
        """The tidy indicator code of an answer: `losi:kh-losi-2022:IF01`."""
        return f"{ANSWER_PREFIX}{self.id}:{indicator}"

    def title(self, lang: str = "en") -> str:
        return self.title_km if lang == "km" else self.title_en

    def origin_counts(self) -> dict[str, int]:
        """How many indicators come from where: "un" (the UN's LOSI 2022 publications), "earlier" (named in the UN's
        LOSI 2018 list only) and "own" (this project's own items)."""
        sources = [item.origin.source for item in self.indicators]
        un = sum(source.startswith("losi2022") for source in sources)
        earlier = sum(source.startswith("losi2018") for source in sources)
        return {"un": un, "earlier": earlier, "own": len(sources) - un - earlier}

    def origin_rows(self) -> list[dict[str, object]]:
        """One row per item (scoring, levels, each criterion, each indicator) with its source citation, whether it is
        confirmed, and the note: what the Methodology page and the workbook show."""
        items = [*self.origins.items(), *((item.code, item.origin) for item in self.indicators)]
        return [
            {"item": name, "source": self.sources.get(origin.source, origin.source), "confirmed": origin.confirmed, "note": origin.note}
            for name, origin in items
        ]


def split_answer_code(code: object) -> tuple[str, str] | None:
    """(questionnaire id, indicator code) of an answer code; None for any other indicator code."""
    text = str(code)
    if not text.startswith(ANSWER_PREFIX) or text.count(":") != 2:
        return None
    _, questionnaire, indicator = text.split(":")
    return questionnaire, indicator


@dataclass(frozen=True)
class Problem:
    """One problem of a questionnaire file: where (key path), the line in the file, and the message in both languages."""

    where: str
    line: int | None
    message_en: str
    message_km: str

    def text(self, lang: str = "en") -> str:
        line = "" if self.line is None else (f", បន្ទាត់ {self.line}" if lang == "km" else f", line {self.line}")
        return f"{self.where}{line}: {self.message_km if lang == 'km' else self.message_en}"


class QuestionnaireError(ValueError):
    """A questionnaire file that cannot be used; `problems` lists everything wrong with it."""

    def __init__(self, path: Path | str, problems: list[Problem]):
        self.path = str(path)
        self.problems = problems
        super().__init__(f"{path}: " + "; ".join(p.text() for p in problems))


def _line_index(node: yaml.Node | None, prefix: str = "") -> dict[str, int]:
    """The 1-based line of every key path in a composed YAML document ("criteria[0].indicators[3].km")."""
    if node is None:
        return {}
    lines = {prefix: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            path = f"{prefix}.{key.value}" if prefix else str(key.value)
            lines.update(_line_index(value, path))
            lines[path] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for position, value in enumerate(node.value):
            lines.update(_line_index(value, f"{prefix}[{position}]"))
    return lines


class _Problems:
    def __init__(self, lines: dict[str, int]) -> None:
        self.lines = lines
        self.items: list[Problem] = []

    def add(self, where: str, code: str, **params: object) -> None:
        place = where
        while place not in self.lines and (parent := re.sub(r"(\.[^.\[\]]+|\[\d+\])$", "", place)) != place:
            place = parent
        self.items.append(Problem(where, self.lines.get(place), message(code, "en", **params), message(code, "km", **params)))


def _text(raw: Any) -> str:
    return raw.strip() if isinstance(raw, str) else ""


def _names(raw: Any, where: str, found: _Problems) -> tuple[str, str]:
    names = raw if isinstance(raw, dict) else {}
    for lang, language in (("en", "English"), ("km", "Khmer")):
        if not _text(names.get(lang)):
            found.add(f"{where}.{lang}", "questionnaire_missing_text", language=language)
    return _text(names.get("en")), _text(names.get("km"))


def _origin(raw: Any, where: str, sources: dict[str, str], found: _Problems) -> Origin:
    if not isinstance(raw, dict):
        found.add(f"{where}.origin", "questionnaire_missing")
        return Origin("", False, "")
    source, confirmed, note = raw.get("source"), raw.get("confirmed"), _text(raw.get("note"))
    if source not in sources:
        found.add(f"{where}.origin.source", "questionnaire_bad_choice", value=source, known=", ".join(sources))
    if not isinstance(confirmed, bool):
        found.add(f"{where}.origin.confirmed", "questionnaire_not_boolean")
    if not note:
        found.add(f"{where}.origin.note", "questionnaire_missing")
    return Origin(str(source), confirmed is True, note)


def _levels(raw: Any, sources: dict[str, str], found: _Problems) -> tuple[tuple[Level, ...], Origin]:
    block = raw if isinstance(raw, dict) else {}
    origin = _origin(block.get("origin"), "levels", sources, found)
    levels = []
    for position, item in enumerate(block.get("levels") or []):
        where = f"levels.levels[{position}]"
        entry = item if isinstance(item, dict) else {}
        above = entry.get("above")
        if above is not None and (isinstance(above, bool) or not isinstance(above, (int, float)) or not 0 <= above < 1):
            found.add(f"{where}.above", "questionnaire_bad_threshold", value=above)
            above = None
        name_en, name_km = _names(entry.get("name"), f"{where}.name", found)
        levels.append(Level(_text(entry.get("code")), None if above is None else float(above), name_en, name_km))
    bounds = [level.above for level in levels]
    descending = all(a is not None and b is not None and a > b for a, b in itertools.pairwise(bounds[:-1]))
    if len(levels) < 2 or bounds[-1] is not None or any(b is None for b in bounds[:-1]) or not descending:
        found.add("levels.levels", "questionnaire_bad_levels")
    return tuple(levels), origin


def _criteria(raw: Any, sources: dict[str, str], found: _Problems) -> tuple[Criterion, ...]:
    criteria = []
    seen: set[str] = set()
    for position, item in enumerate(raw if isinstance(raw, list) else []):
        where = f"criteria[{position}]"
        entry = item if isinstance(item, dict) else {}
        code = _text(entry.get("code"))
        if not CRITERION_CODE.fullmatch(code) or code in seen:
            found.add(f"{where}.code", "questionnaire_bad_code", value=code, pattern="IF")
        seen.add(code)
        name_en, name_km = _names(entry.get("name"), f"{where}.name", found)
        origin = _origin(entry.get("origin"), where, sources, found)
        indicators = []
        for number, question in enumerate(entry.get("indicators") or []):
            at = f"{where}.indicators[{number}]"
            fields = question if isinstance(question, dict) else {}
            item_code = _text(fields.get("code"))
            if not INDICATOR_CODE.fullmatch(item_code) or not item_code.startswith(code) or item_code in seen:
                found.add(f"{at}.code", "questionnaire_bad_code", value=item_code, pattern=f"{code}01")
            seen.add(item_code)
            text_en, text_km = _names(fields, at, found)
            indicators.append(Indicator(item_code, code, text_en, text_km, _origin(fields.get("origin"), at, sources, found)))
        if not indicators:
            found.add(f"{where}.indicators", "questionnaire_no_indicators")
        criteria.append(Criterion(code, name_en, name_km, tuple(indicators), origin))
    if not criteria:
        found.add("criteria", "questionnaire_no_indicators")
    return tuple(criteria)


def _parse(data: Any, path: Path, checksum: str, lines: dict[str, int]) -> Questionnaire:
    found = _Problems(lines)
    if not isinstance(data, dict):
        found.add("(file)", "questionnaire_not_mapping")
        raise QuestionnaireError(path, found.items)
    for key in REQUIRED:
        if key not in data:
            found.add(key, "questionnaire_missing")
    if found.items:
        raise QuestionnaireError(path, found.items)
    if data["schema_version"] != 1:
        found.add("schema_version", "questionnaire_bad_choice", value=data["schema_version"], known="1")
    if data["id"] != path.stem:
        found.add("id", "questionnaire_bad_id", value=data["id"], expected=path.stem)
    if not isinstance(data["edition"], int) or isinstance(data["edition"], bool):
        found.add("edition", "questionnaire_bad_choice", value=data["edition"], known="a year such as 2022")
    if data["entity_kind"] != "province":
        found.add("entity_kind", "questionnaire_bad_choice", value=data["entity_kind"], known="province")
    if data["status"] not in STATUSES:
        found.add("status", "questionnaire_bad_choice", value=data["status"], known=", ".join(STATUSES))
    sources = {str(k): str(v) for k, v in data["sources"].items()} if isinstance(data["sources"], dict) else {}
    if not sources:
        found.add("sources", "questionnaire_missing")
    scoring = data["scoring"] if isinstance(data["scoring"], dict) else {}
    if scoring.get("rule") not in SCORING_RULES:
        found.add("scoring.rule", "questionnaire_bad_choice", value=scoring.get("rule"), known=", ".join(SCORING_RULES))
    origins = {"scoring": _origin(scoring.get("origin"), "scoring", sources, found)}
    title_en, title_km = _names(data["title"], "title", found)
    levels, origins["levels"] = _levels(data["levels"], sources, found)
    criteria = _criteria(data["criteria"], sources, found)
    if found.items:
        raise QuestionnaireError(path, found.items)
    origins.update({criterion.code: criterion.origin for criterion in criteria})
    return Questionnaire(
        id=str(data["id"]),
        edition=int(data["edition"]),
        title_en=title_en,
        title_km=title_km,
        status=str(data["status"]),
        sources=sources,
        scoring_rule=str(scoring["rule"]),
        criteria=criteria,
        levels=levels,
        origins=origins,
        checksum=checksum,
        path=str(path),
    )


@lru_cache(maxsize=16)
def _read(path: Path, mtime_ns: int) -> Questionnaire:
    raw = path.read_bytes()
    lines = _Problems({})
    try:
        text = raw.decode("utf-8")
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        lines.add("(file)", "questionnaire_not_yaml", detail=str(exc).replace("\n", " "))
        raise QuestionnaireError(path, lines.items) from exc
    return _parse(data, path, hashlib.sha256(raw).hexdigest(), _line_index(node))


def read_questionnaire(path: str | Path) -> Questionnaire:
    """Read and validate one questionnaire file; raises QuestionnaireError listing every problem."""
    path = Path(path).resolve()
    if not path.is_file():
        raise QuestionnaireError(path, [Problem("(file)", None, message("file_not_found", "en"), message("file_not_found", "km"))])
    return _read(path, path.stat().st_mtime_ns)


def available_questionnaires() -> list[str]:
    """Ids of the questionnaire files in data/methodology/, oldest edition first."""
    return sorted(path.stem for path in METHODOLOGY_DIR.glob(FILE_PATTERN))


def load_questionnaire(questionnaire: str | None = None) -> Questionnaire:
    """The questionnaire with this id (e.g. "kh-losi-2022"), or the newest edition when None."""
    known = available_questionnaires()
    chosen = questionnaire or (known[-1] if known else "kh-losi")
    if chosen not in known:
        problem = message("questionnaire_unknown", "en", value=chosen, known=", ".join(known))
        khmer = message("questionnaire_unknown", "km", value=chosen, known=", ".join(known))
        raise QuestionnaireError(METHODOLOGY_DIR / f"{chosen}.yaml", [Problem("id", None, problem, khmer)])
    return read_questionnaire(METHODOLOGY_DIR / f"{chosen}.yaml")
