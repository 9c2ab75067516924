"""Pages do not jump while they load: the header keeps its height until its links arrive, a drop-down's label its
height until Dash has loaded the drop-down's code, and a chart in the first screen its place until it is drawn. The
browser's own record of layout shifts (the Cumulative Layout Shift of Web Vitals) is read after the page has loaded;
the footer alone moving down, out of the window, as the page's content arrives is not a jump of what is read."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

RECORD_SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => list.getEntries().forEach((entry) => {
  const moved = entry.sources.map((source) => source.node ? (source.node.id || source.node.nodeName.toLowerCase()) : "?");
  window.__shifts.push({value: entry.value, moved: moved});
})).observe({type: "layout-shift", buffered: true});
"""
SETTLED = 1_000  # ms after the network is idle: the drop-downs' and charts' code has loaded and drawn them


@pytest.mark.parametrize("path", ["/", "/trends", "/compare", "/reports", "/outlook", "/provinces"])
def test_the_page_does_not_jump_while_it_loads(signed_out_page, dashboard_url, path):
    page = signed_out_page
    page.add_init_script(RECORD_SHIFTS)
    page.goto(f"{dashboard_url}{path}")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(SETTLED)
    assert page.locator(".dash-dropdown").count() >= 1  # the drop-downs are drawn (each page here has one)
    jumps = [shift for shift in page.evaluate("window.__shifts") if set(shift["moved"]) != {"footer"}]
    assert sum(shift["value"] for shift in jumps) < 0.01, jumps
    assert page.console_errors == []
