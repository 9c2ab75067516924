/* Every chart of the dashboard (layouts/components/plotly_config.py) travels as data (data-figure, data-config) and
   is drawn with plotly.js once it is in the window (at once in the first screen), or when its figure
   changes while it is there (a callback sends a new data-figure). A chart in a hidden tab is drawn when its tab
   opens, and every chart before the page is printed. plotly.js itself is loaded the way dcc.Graph loads it, and
   only when a chart is drawn. `window.lazyGraphs.ready(box)` draws a chart now, wherever it is (the chart block's
   image downloads use it). */
(function () {
  "use strict";
  var drawnFigure = new WeakMap(); /* box → the data-figure its plot shows */
  var loading = null;

  function plotly() {
    if (window.Plotly) { return Promise.resolve(window.Plotly); }
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var url = window._dashPlotlyJSURL;
        var script = url && document.querySelector('script[src^="' + url + '"]'); /* dcc.Graph asked for it already */
        if (!script) {
          script = document.createElement("script");
          script.src = url;
          script.async = true;
          document.head.appendChild(script);
        }
        script.addEventListener("load", function () { resolve(window.Plotly); });
        script.addEventListener("error", function () { loading = null; reject(new Error("plotly.js did not load")); });
      });
    }
    return loading;
  }

  function plotOf(box) {
    var plot = box.firstElementChild;
    if (!plot) {
      plot = document.createElement("div");
      plot.className = "lazy-graph-plot";
      box.appendChild(plot);
    }
    return plot;
  }

  function draw(box) {
    var source = box.getAttribute("data-figure");
    if (!source || drawnFigure.get(box) === source) { return Promise.resolve(plotOf(box)); }
    return plotly().then(function (Plotly) {
      source = box.getAttribute("data-figure"); /* the newest, should it have changed while plotly.js loaded */
      if (drawnFigure.get(box) === source) { return plotOf(box); }
      var figure = JSON.parse(source);
      var plot = plotOf(box);
      drawnFigure.set(box, source);
      var drawn = plot.classList.contains("js-plotly-plot") ? Plotly.react : Plotly.newPlot;
      return drawn(plot, figure.data || [], figure.layout || {}, JSON.parse(box.getAttribute("data-config") || "{}"))
        .then(function (shown) { reportClicks(box, shown); return shown; });
    });
  }

  /* A chart whose clicks a callback reads (data-click-store) writes each click into that dcc.Store, in the shape of
     dcc.Graph's clickData: {points: [{location, curveNumber, pointNumber}]}. */
  var reporting = new WeakSet();
  function reportClicks(box, plot) {
    var store = box.getAttribute("data-click-store");
    if (!store || reporting.has(plot)) { return; }
    reporting.add(plot);
    plot.on("plotly_click", function (event) {
      var points = (event.points || []).map(function (point) {
        return {location: point.location, curveNumber: point.curveNumber, pointNumber: point.pointNumber};
      });
      window.dash_clientside.set_props(store, {data: {points: points}});
    });
  }

  var near = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) {
        near.unobserve(entry.target);
        draw(entry.target);
      }
    });
  }, {rootMargin: "0px"});

  function watch() {
    document.querySelectorAll(".lazy-graph[data-figure]").forEach(function (box) {
      if (drawnFigure.get(box) !== box.getAttribute("data-figure")) { near.observe(box); }
    });
  }

  window.lazyGraphs = {ready: draw};
  window.addEventListener("beforeprint", function () { document.querySelectorAll(".lazy-graph[data-figure]").forEach(draw); });
  new MutationObserver(function (changes) {
    if (changes.some(function (change) { return change.type === "attributes" || change.addedNodes.length; })) { watch(); }
  }).observe(document.documentElement, {childList: true, subtree: true, attributes: true, attributeFilter: ["data-figure"]});
})();
