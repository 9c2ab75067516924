"""The Simulator page without a browser: its layout from URL queries, and its callbacks called directly, on the bundled
data (no world field: the page says what to import) and on every UN DESA reference file plus a synthetic component
field of the 193 countries (published and component what-ifs, goal seek, scenarios saved, compared and shared)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlparse

import numpy as np
import pytest
from dash import html
from dash.exceptions import PreventUpdate

import app  # noqa: F401  (registers the pages)
import layouts.views.snapshot
from indicators.method.methodology import load_methodology
from indicators.outlook.whatif import whatif_components
from layouts import ids
from layouts.callbacks import simulator as callbacks
from layouts.i18n import catalog
from layouts.pages import simulator as page
from layouts.views import simulator as view
from layouts.views import simulator_scenarios as scenarios
from tests.layouts.databases import use_pages, using
from tests.layouts.fields import FIELD_2022
from tests.layouts.signing import signed_in
from tests.layouts.test_targets import find, texts
from tests.layouts.trees import children_of

KHMER = re.compile("[\u1780-\u17ff]")


@pytest.fixture
def world(components_world_db: str, tmp_path: Path) -> Iterator[None]:
    """A copy of the world database for one test (scenarios saved by a test stay in its copy)."""
    copy = tmp_path / "egdi.sqlite"
    copy.write_bytes(Path(components_world_db).read_bytes())
    with using(str(copy), use_pages):
        yield


def results(tree: object) -> list[list[str]]:
    table = find(tree, ids.SIMULATOR_RESULTS_TABLE)
    return [[texts(cell).strip() for cell in children_of(row)] for row in children_of(children_of(table)[1])]


def slider_values(tree: object) -> dict[str, float]:
    codes = find(tree, ids.SIMULATOR_CONTEXT).data["codes"]
    return {code: find(tree, {"type": ids.SIMULATOR_VALUE, "code": code}).value for code in codes}


def test_every_simulator_key_has_english_and_khmer_and_the_khmer_is_khmer():
    keys = {key: pair for key, pair in catalog().items() if key.startswith("simulator_")}
    assert len(keys) > 60
    for key, pair in keys.items():
        assert set(pair) == {"en", "km"} and pair["en"] and pair["km"], key
        if any(c.isalpha() for c in re.sub(r"\{\w+\}", "", pair["en"])):
            assert KHMER.search(pair["km"]), key


def test_on_a_new_store_both_what_ifs_work(bundled):
    published = page.layout()
    assert "(193 countries in the field)" in texts(find(published, ids.SIMULATOR_BODY))
    assert find(published, ids.SIMULATOR_CONTEXT).data["baseline"] == {"osi": 0.45034, "tii": 0.76094, "hci": 0.51489}
    assert ["World rank", "120", "120", "no change"] in results(published)
    components = page.layout(mode="components", set="internet_users_pct:80")  # the bundled component data, 2024
    context = find(components, ids.SIMULATOR_CONTEXT).data
    assert context["edition"] == 2024 and "mobile_basket_gni_pct" in context["codes"]
    assert context["baseline"]["internet_users_pct"] == 56.7  # data/national: Cambodia's own value of 2022, over the ITU's
    _, baseline = view.components_field(2024)
    khm = baseline.set_index("entity").loc["KHM"]
    assert "tii_national" in khm["flags"] and "osi_published" in khm["flags"]
    assert results(components)[4][1] == str(int(khm["rank"]))


def test_a_shared_url_reproduces_the_scenario(world):
    tree = page.layout(edition="2022", mode="published", set="osi:0.6,tii:0.7")
    assert slider_values(tree) == {"osi": 0.6, "tii": 0.7, "hci": 0.538}
    assert results(tree) == [
        ["TII", "0.5605", "0.7000", "+0.1395"],
        ["HCI", "0.5380", "0.5380", "+0.0000"],
        ["OSI", "0.4181", "0.6000", "+0.1819"],
        ["EGDI", "0.5056", "0.6127", "+0.1071"],
        ["World rank", "127", "99", "up 28"],
        ["ASEAN rank", "8", "8", "no change"],
        ["EGDI group", "High", "High", "no change"],
        ["Rating class", "H1", "H2", "moves to H2"],
    ]
    assert "all 193 countries re-scored" in texts(tree)
    khmer = page.layout(lang="km", edition="2022", mode="published", set="osi:0.6,tii:0.7")
    assert results(khmer)[3] == ["EGDI", "០.៥០៥៦", "០.៦១២៧", "+០.១០៧១"] and results(khmer)[4][3] == "ឡើង ២៨ ថ្នាក់"


def test_moving_a_value_rescores_and_writes_the_scenario_into_the_url(world):
    tree = page.layout(edition="2022", mode="published")
    context = find(tree, ids.SIMULATOR_CONTEXT).data
    value_ids = [{"type": ids.SIMULATOR_VALUE, "code": c} for c in context["codes"]]
    view, search = callbacks.update_results([0.6, 0.7, 0.538], value_ids, context, "en", "?edition=2022&mode=published")
    assert results(html.Div(view))[4] == ["World rank", "127", "99", "up 28"]
    assert dict(parse_qsl(search[1:])) == {"edition": "2022", "mode": "published", "set": "osi:0.6,tii:0.7"}
    _, back = callbacks.update_results([0.4181, 0.5605, 0.538], value_ids, context, "en", search)
    assert "set" not in back
    with pytest.raises(PreventUpdate):  # values as in the URL: what is shown is already their result
        callbacks.update_results([0.6, 0.7, 0.538], value_ids, context, "en", "?edition=2022&mode=published&set=osi:0.6,tii:0.7")
    with pytest.raises(PreventUpdate):  # the page loaded from a bare address: its own values, nothing to redraw
        callbacks.update_results([0.4181, 0.5605, 0.538], value_ids, context, "en", "")
    assert callbacks.reset_values(1, value_ids, context) == [0.4181, 0.5605, 0.538]


def test_a_new_mode_or_country_redraws_the_inputs_but_not_when_nothing_changed(world):
    tree = page.layout(edition="2022", mode="published", set="osi:0.6")
    context = find(tree, ids.SIMULATOR_CONTEXT).data
    with pytest.raises(PreventUpdate):  # Dash calls it when it inserts the page: the shared values must stay
        callbacks.update_view("KHM", 2022, "published", context, "en", "?edition=2022&mode=published&set=osi%3A0.6")
    body, options, edition, search = callbacks.update_view("KHM", 2022, "components", context, "en", "?edition=2022&set=osi%3A0.6")
    assert edition == 2022 and 2014 in [o["value"] for o in options]
    assert dict(parse_qsl(search[1:])) == {"edition": "2022", "mode": "components"}
    assert sorted(find(html.Div(body), ids.SIMULATOR_CONTEXT).data["codes"]) == FIELD_2022
    body, _, _, search = callbacks.update_view("VNM", 2022, "published", context, "en", search)
    vietnam = view.published_field(2022).set_index("iso3").loc["VNM"]
    assert find(html.Div(body), ids.SIMULATOR_CONTEXT).data["baseline"] == {c: vietnam[c] for c in ("osi", "tii", "hci")}
    assert vietnam["egdi"] == 0.6787  # UN E-Government Survey 2022
    assert "entity=VNM" in search


def test_a_component_whatif_is_a_full_rescore_of_the_field(world):
    tree = page.layout(edition="2022", mode="components", set="internet_users_pct:80")
    data, _ = view.components_field(2022)
    assert data["entity"].nunique() == 193
    expected = whatif_components(data, load_methodology(2022), "KHM", {"internet_users_pct": 80.0})
    before, after = expected.row("baseline"), expected.row("whatif")
    rows = results(tree)
    assert rows[0][1:3] == [f"{before['tii']:.4f}", f"{after['tii']:.4f}"]
    assert rows[4][1:3] == [str(int(before["rank"])), str(int(after["rank"]))]
    assert slider_values(tree)["internet_users_pct"] == 80 and slider_values(tree)["adult_literacy_pct"] == 87.7  # bundled 2019 value


def goal_args(tree: object, goal: str, code: str = "osi", rank: int = 100, egdi: float = 0.75) -> tuple[object, ...]:
    context = find(tree, ids.SIMULATOR_CONTEXT).data
    return (1, code, goal, rank, egdi, list(slider_values(tree).values()), context, "en")


def test_goal_seek_finds_the_smallest_value_within_its_tolerance(world):
    tree = page.layout(edition="2022", mode="published")
    field = view.published_field(2022)
    khm = field.set_index("iso3").loc["KHM"]
    others = np.sort(field.loc[field["iso3"] != "KHM", "egdi"].to_numpy())[::-1]
    exact = khm["osi"] + 3 * (others[99] - khm["egdi"])  # the OSI that ties the 100th other country: EGDI + ΔOSI / 3
    message, found, hidden = callbacks.run_seek(*goal_args(tree, "rank"))
    assert not hidden and found["code"] == "osi"
    assert exact - 1e-12 <= found["value"] < exact + 0.0001 and found["value"] == round(found["value"], 4)
    text = texts(message)
    assert f"Online Service Index from 0.4181 to {found['value']:.4f}" in text and "world rank 100" in text
    assert "Tolerance 0.0001" in text and "re-scores 193 countries" in text
    applied = callbacks.apply_seek(
        1, found, [{"type": ids.SIMULATOR_VALUE, "code": c} for c in ("osi", "tii", "hci")], [0.4181, 0.5605, 0.538]
    )
    assert applied == [found["value"], 0.5605, 0.538]

    out, none, hidden = callbacks.run_seek(*goal_args(tree, "group"))  # Very High needs OSI > 2.25 − TII − HCI = 1.15
    assert none is None and hidden and "Out of reach with the Online Service Index alone: even at its maximum, 1.0000" in texts(out)
    _, value, _ = callbacks.run_seek(*goal_args(tree, "egdi", egdi=0.6))
    assert khm["osi"] + 3 * (0.6 - khm["egdi"]) - 1e-12 <= value["value"] < khm["osi"] + 3 * (0.6 - khm["egdi"]) + 0.0001
    top = page.layout(edition="2022", mode="published", entity="DNK")
    best, none, _ = callbacks.run_seek(*goal_args(top, "group"))
    assert none is None and "Already in the highest EGDI group" in texts(best)


def test_scenarios_are_saved_compared_and_shared(world):
    tree = page.layout(edition="2022", mode="published")
    context = find(tree, ids.SIMULATOR_CONTEXT).data
    value_ids = [{"type": ids.SIMULATOR_VALUE, "code": c} for c in context["codes"]]
    with signed_in("dara", "editor"):
        refused, _, _ = callbacks.save_scenario(1, 0, "  ", context, [0.6, 0.5605, 0.538], value_ids, [], "en")
        nothing, _, _ = callbacks.save_scenario(1, 0, "Same", context, [0.4181, 0.5605, 0.538], value_ids, [], "en")
        message, _, checked = callbacks.save_scenario(1, 0, " OSI  push ", context, [0.6, 0.7, 0.538], value_ids, [], "en")
        callbacks.save_scenario(1, 0, "HCI only", context, [0.4181, 0.5605, 0.65], value_ids, checked, "en")
        callbacks.save_scenario(1, 0, "OSI only", context, [0.7, 0.5605, 0.538], value_ids, checked, "en")  # same key as "OSI push"
    assert "Give the scenario a name" in texts(refused) and "set at least one value" in texts(nothing)
    assert "Saved the scenario “OSI push” (version" in texts(message) and checked == ["OSI push"]
    newest = layouts.views.snapshot.store().versions().iloc[0]
    assert (newest["dataset"], newest["kind"], newest["user"], newest["file_name"]) == (
        "scenario:OSI only",
        "scenario",
        "dara",
        "simulator page",
    )
    assert [o["value"] for o in page.scenario_options("en")] == ["HCI only", "OSI only", "OSI push"]

    table = html.Div(callbacks.compare_scenarios(["OSI push", "HCI only"], "en"))
    rows = [
        [texts(c).strip() for c in children_of(row)] for row in children_of(children_of(children_of(table)[0].children)[1])
    ]  # the table in its scroll box
    assert [r[0] for r in rows] == ["Baseline: Cambodia, 2022", "HCI only", "OSI push"]
    assert rows[0][2:] == ["0.5605", "0.5380", "0.4181", "0.5056", "127", "8", "High", "H1"]
    assert rows[2][1] == "Cambodia, 2022: Online Service Index 0.6000, Telecommunication Infrastructure Index 0.7000"
    assert rows[2][2:] == ["0.7000", "0.5380", "0.6000", "0.6127", "99", "8", "High", "H2"]
    assert rows[1][5] == f"{(0.4181 + 0.5605 + 0.65) / 3:.4f}"

    shared = next(s for s in scenarios.saved_scenarios() if s.name == "OSI push")
    query = dict(parse_qsl(urlparse(scenarios.scenario_href(shared, "en")).query))
    assert query == {"edition": "2022", "mode": "published", "set": "osi:0.6,tii:0.7"}
    assert results(page.layout(**query))[3] == ["EGDI", "0.5056", "0.6127", "+0.1071"]
