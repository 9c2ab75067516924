/* Tables drawn in the browser from their rows (layouts/components/sortable_table.py: data-sortable), sorted by a
   click on a column heading (ascending, descending, then the order received) and written to a CSV file by a download
   button (.table-download, data-for = the table's id), with no round trip to the server: Compare's ranking, the Data
   page's history and audit trail. One tab stop: the headings' buttons take the focus in turn, and the arrow keys
   move between them. */
(function () {
  "use strict";
  var state = new WeakMap(); /* box -> {source, data, sort: {key, direction} or null, focus: key} */

  function shown(row, key) {
    var text = row[key + "_text"];
    if (text !== undefined) { return text; }
    return row[key] === null || row[key] === undefined ? "" : String(row[key]);
  }

  /* The rows in the order of `sort`; a missing value always last. */
  function ordered(data, sort) {
    if (!sort) { return data.rows; }
    var column = data.columns.filter(function (c) { return c.key === sort.key; })[0];
    var sign = sort.direction === "ascending" ? 1 : -1;
    var collator = new Intl.Collator(data.lang);
    return data.rows.slice().sort(function (a, b) {
      var x = a[sort.key], y = b[sort.key];
      var xMissing = x === null || x === undefined || x === "", yMissing = y === null || y === undefined || y === "";
      if (xMissing || yMissing) { return xMissing === yMissing ? 0 : (xMissing ? 1 : -1); }
      return sign * (column.numeric ? x - y : collator.compare(String(x), String(y)));
    });
  }

  function classOf(column) {
    return column.numeric ? "num" : (column.nowrap ? "nowrap" : (column.breaks_anywhere ? "breaks-anywhere" : ""));
  }

  function heading(column, current) {
    var cell = document.createElement("th");
    cell.scope = "col";
    cell.dataset.column = column.key;
    cell.className = classOf(column);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "st-sort";
    button.dataset.key = column.key;
    button.textContent = column.label;
    if (column.title) { button.title = column.title; }
    if (current.sort && current.sort.key === column.key) {
      cell.setAttribute("aria-sort", current.sort.direction);
      var arrow = document.createElement("span");
      arrow.className = "st-arrow";
      arrow.setAttribute("aria-hidden", "true");
      arrow.textContent = current.sort.direction === "ascending" ? " ▲" : " ▼";
      button.appendChild(arrow);
    }
    button.tabIndex = column.key === current.focus ? 0 : -1;
    cell.appendChild(button);
    return cell;
  }

  function draw(box) {
    var current = state.get(box);
    if (!current.data.rows.length) { box.replaceChildren(); return; } /* no rows: the page says why */
    var columns = current.data.columns.filter(function (c) { return !c.hidden; });
    var table = document.createElement("table");
    table.className = "data-table st-table";
    var head = table.createTHead().insertRow();
    columns.forEach(function (column) { head.appendChild(heading(column, current)); });
    var body = table.createTBody();
    ordered(current.data, current.sort).forEach(function (row) {
      var line = body.insertRow();
      var mark = current.data.mark;
      if (mark && row[mark.field]) { line.className = mark["class"]; } /* e.g. the country compared */
      columns.forEach(function (column, i) {
        var cell = i === 0 ? document.createElement("th") : document.createElement("td");
        if (i === 0) { cell.scope = "row"; }
        cell.dataset.column = column.key;
        cell.className = classOf(column);
        cell.textContent = shown(row, column.key);
        line.appendChild(cell);
      });
    });
    box.replaceChildren(table);
  }

  function update(box) {
    var source = box.getAttribute("data-sortable");
    var current = state.get(box);
    if (!source || (current && current.source === source)) { return; }
    var data = JSON.parse(source);
    var visible = data.columns.filter(function (c) { return !c.hidden; });
    var keep = current && visible.some(function (c) { return c.key === current.focus; });
    /* new rows (another set or edition) keep the sort chosen: the reader asked for that order */
    state.set(box, {source: source, data: data, sort: current ? current.sort : null, focus: keep ? current.focus : visible[0].key});
    draw(box);
  }

  function sortBy(button) {
    var box = button.closest(".sortable-table");
    var current = state.get(box);
    var key = button.dataset.key;
    var before = current.sort && current.sort.key === key ? current.sort.direction : null;
    var next = before === null ? "ascending" : (before === "ascending" ? "descending" : null);
    current.sort = next ? {key: key, direction: next} : null;
    current.focus = key;
    draw(box);
    box.querySelector('.st-sort[data-key="' + key + '"]').focus();
  }

  function csvOf(box) {
    var current = state.get(box);
    var cell = window.chartBlocks.csvCell;
    var lines = [current.data.columns.map(function (c) { return cell(c.label); }).join(",")];
    ordered(current.data, current.sort).forEach(function (row) {
      lines.push(current.data.columns.map(function (c) {
        return cell(row[c.key] === null || row[c.key] === undefined ? "" : String(row[c.key]));
      }).join(","));
    });
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest && event.target.closest(".sortable-table .st-sort, .table-download");
    if (!target) { return; }
    if (target.classList.contains("st-sort")) {
      sortBy(target);
      return;
    }
    var box = document.getElementById(target.dataset.for);
    if (box && state.get(box)) {
      var blob = new Blob([csvOf(box)], {type: "text/csv;charset=utf-8"});
      window.chartBlocks.save(state.get(box).data.filename, blob);
    }
  });

  document.addEventListener("keydown", function (event) {
    var button = event.target.closest && event.target.closest(".sortable-table .st-sort");
    var moves = {ArrowRight: 1, ArrowLeft: -1, Home: -Infinity, End: Infinity};
    if (!button || !(event.key in moves)) { return; }
    var buttons = Array.prototype.slice.call(button.closest("tr").querySelectorAll(".st-sort"));
    var index = Math.max(0, Math.min(buttons.length - 1, buttons.indexOf(button) + moves[event.key]));
    buttons.forEach(function (other, i) { other.tabIndex = i === index ? 0 : -1; });
    state.get(button.closest(".sortable-table")).focus = buttons[index].dataset.key;
    buttons[index].focus();
    buttons[index].scrollIntoView({block: "nearest", inline: "nearest"});
    event.preventDefault();
  });

  function updateAll() { document.querySelectorAll(".sortable-table[data-sortable]").forEach(update); }

  /* Drawn as soon as the box arrives or its rows change, before the browser paints. */
  new MutationObserver(updateAll).observe(document.documentElement,
    {childList: true, subtree: true, attributes: true, attributeFilter: ["data-sortable"]});
  updateAll();
})();
