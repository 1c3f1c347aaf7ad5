// Keyboard entry in a grid of one field per row (table[data-grid], each box with data-col): Enter
// and Tab move down the column, Shift+Tab up; past the last row Tab goes on to the next column's
// first row, then out of the grid. Shared by the rating round (reviews) and the dues ledger (dues).
// window.xddGrid(grid) returns the column(index) helper for the page's own buttons.
(function () {
  function columnOf(grid) {
    return function (index) {
      return Array.prototype.slice.call(grid.querySelectorAll('[data-col="' + index + '"]'));
    };
  }
  function attach(grid) {
    var column = columnOf(grid);
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
      if (next) { event.preventDefault(); next.focus(); }
    });
    return column;
  }
  window.xddGrid = function (grid) {
    if (!grid.xddColumn) { grid.xddColumn = attach(grid); }
    return grid.xddColumn;
  };
})();
