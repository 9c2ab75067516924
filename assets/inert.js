/* Static HTML sent as data (layouts/components/inert.py): an element with a `data-inert` attribute gets the elements
   it describes as its content, when it arrives and whenever the attribute changes, before the browser paints.
   A node is a string (text) or [tag, {attribute: value}, [node, ...]]. A link marked data-page-link is followed as
   dcc.Link does: in the page (the address changes and Dash draws the page), not by loading it anew. */
(function () {
  "use strict";

  function build(node) {
    if (typeof node === "string") { return document.createTextNode(node); }
    var element = document.createElement(node[0]);
    var attributes = node[1];
    Object.keys(attributes).forEach(function (name) {
      if (name.slice(0, 2) !== "on") { element.setAttribute(name, attributes[name]); }
    });
    node[2].forEach(function (child) { element.appendChild(build(child)); });
    return element;
  }

  function draw(element) {
    var data = element.getAttribute("data-inert");
    if (element.inertDrawn === data) { return; }
    element.inertDrawn = data;
    var content = document.createDocumentFragment();
    JSON.parse(data).forEach(function (node) { content.appendChild(build(node)); });
    element.replaceChildren(content);
  }

  function drawIn(root) {
    if (root.nodeType !== 1) { return; }
    if (root.hasAttribute("data-inert")) { draw(root); }
    root.querySelectorAll("[data-inert]").forEach(draw);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-page-link]");
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.shiftKey || event.altKey || event.ctrlKey) { return; }
    if (link.target && link.target !== "_self") { return; }
    event.preventDefault();
    window.history.pushState({}, "", link.getAttribute("href"));
    window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
    window.scrollTo(0, 0);
  });

  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      if (change.type === "attributes") { draw(change.target); } else { change.addedNodes.forEach(drawIn); }
    });
  }).observe(document.documentElement, {childList: true, subtree: true, attributes: true, attributeFilter: ["data-inert"]});
  drawIn(document.documentElement);
})();
