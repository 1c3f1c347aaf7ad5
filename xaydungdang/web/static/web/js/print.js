/* Print buttons (issue 12 item 8): <button data-print hidden> is shown, and prints the page, only
 * when JavaScript runs (without it the browser's own Print menu does the same). No inline handler:
 * the Content Security Policy forbids them. What is printed: web/css/app.css @media print. */
(function () {
  "use strict";
  function init() {
    document.querySelectorAll("button[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
