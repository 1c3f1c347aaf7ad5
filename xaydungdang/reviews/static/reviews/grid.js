// A grid of one field per row (table[data-grid]): Enter and Tab move down the column, Shift+Tab
// up; past the last row Tab goes on to the next column's first row, then out of the grid.
// "Điền" fills the empty level boxes with the chosen level.
document.addEventListener("DOMContentLoaded", function () {
  var grid = document.querySelector("table[data-grid]");
  if (!grid) { return; }
  function column(index) {
    return Array.prototype.slice.call(grid.querySelectorAll('[data-col="' + index + '"]'));
  }
  grid.addEventListener("keydown", function (event) {
    var box = event.target;
    if (!box.hasAttribute || !box.hasAttribute("data-col")) { return; }
    if (event.key !== "Enter" && event.key !== "Tab") { return; }
    var col = parseInt(box.getAttribute("data-col"), 10);
    var boxes = column(col);
    var at = boxes.indexOf(box);
    var next = null;
    if (event.shiftKey) {
      if (event.key === "Tab" && at > 0) { next = boxes[at - 1]; }
    } else if (at + 1 < boxes.length) {
      next = boxes[at + 1];
    } else if (event.key === "Tab") {
      next = column(col + 1)[0] || null;
    }
    if (event.key === "Enter") { event.preventDefault(); }
    if (next) {
      event.preventDefault();
      next.focus();
    }
  });
  var fill = document.getElementById("dien-nut");
  var chosen = document.getElementById("dien-tat-ca");
  if (fill && chosen) {
    fill.addEventListener("click", function () {
      if (!chosen.value) { return; }
      Array.prototype.slice.call(grid.querySelectorAll("[data-fill]")).forEach(function (box) { if (!box.value) { box.value = chosen.value; } });
    });
  }
});
