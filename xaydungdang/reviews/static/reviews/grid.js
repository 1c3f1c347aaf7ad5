// The rating round's grid: keyboard entry from web/js/gridkeys.js (loaded first). "Điền" fills the
// empty level boxes with the chosen level.
document.addEventListener("DOMContentLoaded", function () {
  var grid = document.querySelector("table[data-grid]");
  if (!grid) { return; }
  window.xddGrid(grid);
  var fill = document.getElementById("dien-nut");
  var chosen = document.getElementById("dien-tat-ca");
  if (fill && chosen) {
    fill.addEventListener("click", function () {
      if (!chosen.value) { return; }
      Array.prototype.slice.call(grid.querySelectorAll("[data-fill]")).forEach(function (box) { if (!box.value) { box.value = chosen.value; } });
    });
  }
});
