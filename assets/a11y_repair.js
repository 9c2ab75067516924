/* Accessibility repairs of Dash 4's own components, so that every control has a name and a role that fits what it
   is (axe-core: no serious or critical problem). Each repair says what it fixes; all run again whenever the page
   changes (a component drawn again puts its own attributes back). The names come from the page itself (a legend, a label, a group's label): nothing here is in English. */
(function () {
  "use strict";

  function nameOf(element) {
    var fieldset = element.closest("fieldset");
    var legend = fieldset && fieldset.querySelector("legend");
    if (legend) { return legend.textContent.trim(); }
    var group = element.closest("[aria-labelledby]");
    var label = group && document.getElementById(group.getAttribute("aria-labelledby").split(" ")[0]);
    if (label) { return label.textContent.trim(); }
    var wrapping = element.closest("label");
    return wrapping ? wrapping.textContent.trim() : "";
  }

  function repair() {
    /* A drop-down is reached by Tab on a hidden input that screen readers are told to ignore: make its own button
       (which opens the list with Enter, Space or the arrow keys) the tab stop instead. */
    document.querySelectorAll(".dash-dropdown-focus-target:not([tabindex='-1'])").forEach(function (input) {
      input.tabIndex = -1;
    });
    document.querySelectorAll("button.dash-dropdown[tabindex='-1']").forEach(function (button) {
      button.tabIndex = 0;
    });
    /* Radio items and check lists are drawn as a list box of options that hold real inputs: they are a group of
       radio buttons (or check boxes), named by their legend. */
    document.querySelectorAll(".dash-radioitems[role='listbox'], .dash-checklist[role='listbox']").forEach(function (list) {
      list.setAttribute("role", list.classList.contains("dash-radioitems") ? "radiogroup" : "group");
      if (!list.getAttribute("aria-label")) { list.setAttribute("aria-label", nameOf(list)); }
      list.querySelectorAll("[role='option']").forEach(function (option) {
        option.removeAttribute("role");
        option.removeAttribute("aria-selected");
      });
    });
    /* A slider's number boxes: named after the slider's group, "from" and "to" for a range (words from the page). */
    document.querySelectorAll(".dash-slider-container input[type='number']:not([aria-label])").forEach(function (input) {
      var group = input.closest("[data-range-words]");
      var words = group ? group.getAttribute("data-range-words").split("|") : [];
      var name = nameOf(input);
      if (input.classList.contains("dash-range-slider-min-input") && words[0]) { name += " (" + words[0] + ")"; }
      if (input.classList.contains("dash-range-slider-max-input") && words[1]) { name += " (" + words[1] + ")"; }
      input.setAttribute("aria-label", name);
    });
    /* A slider's handle: named after the slider's group too. */
    document.querySelectorAll(".dash-slider-thumb[role='slider']:not([aria-label])").forEach(function (thumb) {
      thumb.setAttribute("aria-label", nameOf(thumb));
    });
    /* The upload's file input: named by the upload area's own words. */
    document.querySelectorAll("input[type='file']:not([aria-label])").forEach(function (input) {
      var area = input.parentElement;
      input.setAttribute("aria-label", area ? area.textContent.trim() : "");
    });
  }

  var pending = false;
  new MutationObserver(function () {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; repair(); });
  }).observe(document.documentElement, {childList: true, subtree: true, attributes: true, attributeFilter: ["tabindex", "role", "aria-label"]});
})();
