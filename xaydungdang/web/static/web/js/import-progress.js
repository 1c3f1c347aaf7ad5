// Polls the import job's JSON status and reloads the page when the job has finished.
(function () {
  "use strict";
  var box = document.getElementById("tien-do");
  if (!box) { return; }
  var url = box.getAttribute("data-status-url");
  var text = document.getElementById("tien-do-chu");
  var bar = document.getElementById("tien-do-thanh");
  var labels = { pending: "Đang chờ", running: "Đang chạy", done: "Đã xong", failed: "Lỗi" };
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (s.finished) { window.location.reload(); return; }
        bar.value = s.percent;
        text.textContent = (labels[s.state] || s.state) + (s.stage ? ": " + s.stage : "") + " — " + s.percent + "%";
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 800);
})();
