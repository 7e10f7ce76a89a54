// The LPJ's print button (a file, not inline, so the page's CSP allows it).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
