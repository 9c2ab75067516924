/* Simulator: goal seek asks only for the field its goal needs (a rank, or an EGDI), with no round trip to the
   server. The same rule as layouts/views/simulator_seek.py: needs_field. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  simulator: {
    goalFields: function (goal) { return [goal !== "rank", goal !== "egdi"]; }
  }
});
