/* The chart block (layouts/components/chart_block.py): tabs, downloads and "Copy link", with no round trip to the
   server. One listener on the document serves every block, including blocks a callback draws later. */
(function () {
  "use strict";
  var KHMER_DIGITS = "០១២៣៤៥៦៧៨៩";

  function block(element) { return element.closest(".chart-block"); }

  function latinDigits(text) {
    return text.replace(/[០-៩]/g, function (d) { return String(KHMER_DIGITS.indexOf(d)); });
  }

  /* The table of a block travels as data (data-table, layouts/components/chart_block.py): drawn here when its tab
     is open, and again when a callback sends new rows. */
  var drawn = new WeakMap();

  function tableData(box) {
    return JSON.parse(box.getAttribute("data-table") || '{"headers": [], "rows": []}');
  }

  function drawTable(box) {
    var source = box.getAttribute("data-table");
    if (!source || drawn.get(box) === source || box.closest("[hidden]")) { return; }
    var data = JSON.parse(source);
    var table = document.createElement("table");
    table.className = "data-table cb-data";
    var headRow = table.createTHead().insertRow();
    data.headers.forEach(function (text) {
      var cell = document.createElement("th");
      cell.scope = "col";
      cell.textContent = text;
      headRow.appendChild(cell);
    });
    var body = table.createTBody();
    data.rows.forEach(function (row) {
      var line = body.insertRow();
      row.forEach(function (text) { line.insertCell().textContent = text; });
    });
    box.replaceChildren(table);
    drawn.set(box, source);
  }

  function drawTables(root) {
    (root || document).querySelectorAll(".cb-table[data-table]").forEach(drawTable);
  }

  function showView(tab) {
    var owner = block(tab);
    owner.querySelectorAll(".cb-tab").forEach(function (other) {
      var selected = other === tab;
      other.setAttribute("aria-selected", selected ? "true" : "false");
      other.tabIndex = selected ? 0 : -1;
      var panel = document.getElementById(other.getAttribute("aria-controls"));
      if (panel) { panel.hidden = !selected; }
    });
    drawTables(owner);
    window.dispatchEvent(new Event("resize")); /* a chart drawn while hidden takes its width now */
  }

  function visibleGraph(owner) {
    var panels = owner.querySelectorAll(".cb-view-chart, .cb-view-map");
    for (var i = 0; i < panels.length; i++) {
      if (!panels[i].hidden && panels[i].querySelector(".js-plotly-plot")) { return panels[i].querySelector(".js-plotly-plot"); }
    }
    return owner.querySelector(".js-plotly-plot");
  }

  /* The block's plot, drawn first if it is a chart drawn on demand (assets/lazy_graph.js) not drawn yet. */
  function graphOf(owner) {
    var graph = visibleGraph(owner);
    var lazy = owner.querySelector(".lazy-graph");
    if (graph || !lazy || !window.lazyGraphs) { return Promise.resolve(graph); }
    return window.lazyGraphs.ready(lazy).then(function () { return visibleGraph(owner); });
  }

  function csvCell(text) {
    var value = latinDigits(text.trim());
    if (/^[=+\-@\t\r]/.test(value) && isNaN(Number(value))) { value = "'" + value; } /* never a formula */
    return /[",\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  function csvOf(owner) {
    var box = owner.querySelector(".cb-table[data-table]");
    var data = box ? tableData(box) : {headers: [], rows: []};
    var lines = [data.headers].concat(data.rows).map(function (row) { return row.map(csvCell).join(","); });
    lines.push("");
    owner.querySelectorAll(".cb-about-row").forEach(function (row) {
      lines.push(csvCell(row.querySelector("dt").textContent) + "," + csvCell(row.querySelector("dd").textContent));
    });
    var actions = owner.querySelector(".cb-actions");
    lines.push(csvCell(actions.dataset.linkLabel) + "," + csvCell(link(owner)));
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }

  function save(name, blob) {
    var anchor = document.createElement("a");
    anchor.href = URL.createObjectURL(blob);
    anchor.download = name;
    document.body.appendChild(anchor);
    anchor.click();
    setTimeout(function () { URL.revokeObjectURL(anchor.href); anchor.remove(); }, 0);
  }

  function link(owner) {
    return window.location.origin + window.location.pathname + window.location.search + "#" + owner.id;
  }

  function say(owner, text) {
    var status = owner.querySelector(".cb-status");
    status.textContent = text;
    setTimeout(function () { status.textContent = ""; }, 4000);
  }

  function copy(owner, button) {
    var text = link(owner);
    var done = function () { say(owner, button.dataset.done); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done);
      return;
    }
    var area = document.createElement("textarea"); /* plain http on an intranet: no clipboard API */
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "cb-offscreen";
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    area.remove();
    done();
  }

  window.chartBlocks = {csvCell: csvCell, save: save}; /* for the other tables that write a CSV (ranking_table.js) */

  document.addEventListener("click", function (event) {
    var target = event.target.closest(".cb-tab, .cb-download-image, .cb-download-csv, .cb-copy-link");
    if (!target || !block(target)) { return; }
    var owner = block(target);
    var filename = owner.querySelector(".cb-actions").dataset.filename;
    if (target.classList.contains("cb-tab")) {
      showView(target);
    } else if (target.classList.contains("cb-download-image")) {
      var format = target.dataset.format;
      graphOf(owner).then(function (graph) {
        if (graph && window.Plotly) {
          window.Plotly.downloadImage(graph, {format: format, filename: filename, width: graph.clientWidth || 900,
            height: graph.clientHeight || 450, scale: format === "png" ? 2 : 1});
        }
      });
      target.closest("details").open = false;
    } else if (target.classList.contains("cb-download-csv")) {
      save(filename + ".csv", new Blob([csvOf(owner)], {type: "text/csv;charset=utf-8"}));
      target.closest("details").open = false;
    } else {
      copy(owner, target);
    }
  });

  document.addEventListener("keydown", function (event) {
    var tab = event.target.closest && event.target.closest(".cb-tab");
    if (!tab || (event.key !== "ArrowRight" && event.key !== "ArrowLeft")) { return; }
    var tabs = Array.prototype.slice.call(tab.parentNode.querySelectorAll(".cb-tab"));
    var next = tabs[(tabs.indexOf(tab) + (event.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
    next.focus();
    showView(next);
    event.preventDefault();
  });

  /* The address's anchor (a copied link, a target on the Overview) is drawn after the page loads: go to it once. */
  var scrolledFor = "";
  new MutationObserver(function (changes) {
    if (changes.some(function (change) { return change.type === "attributes" || change.addedNodes.length; })) { drawTables(); }
    var hash = window.location.hash.slice(1);
    if (!hash || window.location.href === scrolledFor) { return; }
    var anchor = document.getElementById(decodeURIComponent(hash));
    if (anchor) { scrolledFor = window.location.href; anchor.scrollIntoView(); }
  }).observe(document.documentElement, {childList: true, subtree: true, attributes: true, attributeFilter: ["data-table"]});
})();
