// The print button of the alerts page (the CSP allows no inline handlers).
document.addEventListener("DOMContentLoaded", function () {
  var button = document.getElementById("in-canh-bao");
  if (button) {
    button.addEventListener("click", function () { window.print(); });
  }
});
