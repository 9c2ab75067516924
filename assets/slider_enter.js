/* Enter in a slider's number box applies the value, as leaving the box does (Dash's slider applies it on blur only),
   and the focus stays in the box. */
document.addEventListener("keydown", function (event) {
  var box = event.target;
  if (event.key !== "Enter" || !box.matches || !box.matches(".dash-slider-container input[type=number]")) { return; }
  event.preventDefault();
  box.blur();
  box.focus();
});
