// Print buttons (no inline handlers: the CSP allows only our own script files).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
