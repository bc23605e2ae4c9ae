// One-handed check-in: a tap on a quick value fills the temperature field.
document.addEventListener("click", function (event) {
  var button = event.target.closest(".presets button[data-t]");
  if (!button) return;
  var input = document.getElementById("id_temperature");
  input.value = button.getAttribute("data-t");
  input.focus();
});
