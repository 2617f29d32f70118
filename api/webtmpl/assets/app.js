// kinmap: nothing on a page needs this script; it only moves focus to
// a form's error summary so keyboard and screen-reader users hear it.
document.addEventListener("DOMContentLoaded", function () {
  var s = document.querySelector(".error-summary");
  if (s) { s.focus(); }
});
