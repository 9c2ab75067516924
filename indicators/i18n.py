"""Messages a user sees from the core, in English and Khmer.

Every problem the core reports has a code; its text lives here once per language and is filled in with
`str.format` parameters, in `messages.yaml`. The Dash layouts keep their own strings in `layouts/i18n.py`.
"""

from __future__ import annotations

from pathlib import Path

import yaml

LANGUAGES = ("en", "km")

MESSAGES: dict[str, dict[str, str]] = yaml.safe_load((Path(__file__).with_name("messages.yaml")).read_text(encoding="utf-8"))

# Words that messages name by code, in each language: a parameter `action`, `role` or `needed` adds `<name>_text`.
ACTION_LABELS = {
    "import": {"en": "import data", "km": "នាំចូលទិន្នន័យ"},
    "edit_targets": {"en": "edit targets", "km": "កែសម្រួលគោលដៅ"},
    "save_scenario": {"en": "save scenarios", "km": "រក្សាទុកសេណារីយ៉ូ"},
    "rollback": {"en": "roll back a version", "km": "ត្រឡប់កំណែវិញ"},
    "manage_users": {"en": "manage accounts", "km": "គ្រប់គ្រងគណនីអ្នកប្រើ"},
}
ROLE_LABELS = {
    "viewer": {"en": "viewer", "km": "អ្នកមើល"},
    "editor": {"en": "editor", "km": "អ្នកកែសម្រួល"},
    "admin": {"en": "administrator", "km": "អ្នកគ្រប់គ្រង"},
}
LABELS = {"action": ACTION_LABELS, "role": ROLE_LABELS, "needed": ROLE_LABELS}

KIND_KM = {"country": "ប្រទេស", "province": "ខេត្ត", "entity": "អង្គភាព"}


KHMER_DIGITS = str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")


def digits(value: str, lang: str) -> str:
    """Western digits turned into Khmer digits in Khmer (numbers in text, as the dashboard and reports show them)."""
    return value.translate(KHMER_DIGITS) if lang == "km" else value


def message(code: str, lang: str = "en", **params: object) -> str:
    """The text of message `code` in `lang`, filled in with `params`."""
    lang = "km" if lang == "km" else "en"
    template = MESSAGES[code][lang]
    for name, labels in LABELS.items():
        if str(params.get(name)) in labels:
            params.setdefault(f"{name}_text", labels[str(params[name])][lang])
    if "kind" in params:
        params.setdefault("kind_km", KIND_KM.get(str(params["kind"]), str(params["kind"])))
    return template.format(**params)
