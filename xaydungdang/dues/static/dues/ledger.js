// The month ledger: keyboard entry from web/js/gridkeys.js (loaded first). "Điền số còn phải đóng"
// fills the empty amount boxes.
document.addEventListener("DOMContentLoaded", function () {
  var grid = document.querySelector("table[data-grid]");
  if (!grid) { return; }
  var column = window.xddGrid(grid);
  var fill = document.getElementById("dien-du");
  if (fill) {
    fill.addEventListener("click", function () {
      column(0).forEach(function (box) {
        var owed = box.getAttribute("data-owed");
        if (!box.value && owed && owed !== "0") { box.value = owed; }
      });
    });
  }
});
