// The plotly.js this app uses, and nothing more: the core (scatter lines, shapes, annotations, the modebar, the
// locale mechanism, images), bar charts, and the world map (choropleth and scattergeo). Built by
// scripts/build-vendor.sh into assets/vendor/plotly-partial.min.js; app.py serves it where dcc.Graph asks for
// plotly.js, so it is loaded only by pages that draw a chart. A new trace type in layouts/figures must be added here
// (tests/layouts/test_vendor.py checks it).
'use strict';

var Plotly = require('plotly.js/lib/core');

Plotly.register([require('plotly.js/lib/bar'), require('plotly.js/lib/choropleth'), require('plotly.js/lib/scattergeo')]);

module.exports = Plotly;
