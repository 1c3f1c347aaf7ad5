/* Searchable organization pickers (issue 12 item 2), a progressive enhancement:
 *
 * - <select data-picker="org">: the select stays in the form (hidden) and keeps the value; a text
 *   box in front of it filters its options as one types, accents optional ("ke sach" finds
 *   "Đảng bộ xã Kế Sách"), on the name, the path above it and the code.
 * - <input data-picker-url="...">: a free-text box (the member filter's organization); as one
 *   types, the server's matches (organizations/pickers.py search) are offered; choosing one sends
 *   its code, typing without choosing sends the text (the server finds the organization by name).
 *
 * Without JavaScript both stay what they are: a plain select, a text box. No inline script or
 * style (the Content Security Policy allows neither). Keyboard: arrows, Enter, Escape.
 */
(function () {
  "use strict";

  var SHOWN = 60;
  var SEP = " — ";
  var counter = 0;

  function fold(text) {
    return String(text || "")
      .replace(/[Đđ]/g, "d")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/\s+/g, " ")
      .trim();
  }

  function matches(key, words) {
    for (var i = 0; i < words.length; i++) {
      if (key.indexOf(words[i]) < 0) return false;
    }
    return true;
  }

  function Picker(box, options) {
    counter += 1;
    this.box = box;
    this.items = [];
    this.shown = [];
    this.active = -1;
    this.onChoose = options.onChoose;
    this.source = options.source;
    this.restore = options.restore || function () {};
    var wrapper = document.createElement("div");
    wrapper.className = "picker";
    box.parentNode.insertBefore(wrapper, box);
    wrapper.appendChild(box);
    var list = document.createElement("ul");
    list.className = "picker-list";
    list.id = "picker-list-" + counter;
    list.setAttribute("role", "listbox");
    list.hidden = true;
    wrapper.appendChild(list);
    this.list = list;
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    wrapper.appendChild(status);
    this.status = status;
    box.setAttribute("role", "combobox");
    box.setAttribute("aria-autocomplete", "list");
    box.setAttribute("aria-expanded", "false");
    box.setAttribute("aria-controls", list.id);
    box.setAttribute("autocomplete", "off");
    var self = this;
    box.addEventListener("input", function () { self.search(box.value); });
    box.addEventListener("focus", function () { if (box.select) box.select(); self.search(""); });
    box.addEventListener("keydown", function (e) { self.key(e); });
    box.addEventListener("blur", function () {
      window.setTimeout(function () { self.close(); self.restore(); }, 150);
    });
    list.addEventListener("mousedown", function (e) {
      var li = e.target.closest("li[data-index]");
      e.preventDefault();
      if (li) self.choose(Number(li.getAttribute("data-index")));
    });
  }

  Picker.prototype.search = function (text) {
    var self = this;
    this.source(text, function (items, more) { self.render(items, more); });
  };

  Picker.prototype.render = function (items, more) {
    var list = this.list;
    if (items === null) { this.shown = []; this.close(); return; }
    this.shown = items;
    this.active = -1;
    while (list.firstChild) list.removeChild(list.firstChild);
    items.forEach(function (item, i) {
      var li = document.createElement("li");
      li.id = list.id + "-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("data-index", String(i));
      li.setAttribute("aria-selected", "false");
      var name = document.createElement("span");
      name.className = "picker-name";
      name.textContent = item.name;
      li.appendChild(name);
      if (item.path) {
        var path = document.createElement("span");
        path.className = "picker-path";
        path.textContent = SEP + item.path;
        li.appendChild(path);
      }
      list.appendChild(li);
    });
    if (!items.length || more) {
      var note = document.createElement("li");
      note.className = "picker-note";
      note.textContent = items.length ? "… còn " + more + " mục nữa: gõ thêm để thu hẹp." : "Không có kết quả nào khớp.";
      list.appendChild(note);
    }
    list.hidden = false;
    this.box.setAttribute("aria-expanded", "true");
    this.status.textContent = items.length ? items.length + (more ? "+" : "") + " kết quả" : "Không có kết quả";
  };

  Picker.prototype.close = function () {
    this.list.hidden = true;
    this.box.setAttribute("aria-expanded", "false");
    this.box.removeAttribute("aria-activedescendant");
  };

  Picker.prototype.move = function (step) {
    if (this.list.hidden || !this.shown.length) { this.search(this.box.value); return; }
    var next = Math.max(0, Math.min(this.shown.length - 1, this.active + step));
    var items = this.list.querySelectorAll("li[data-index]");
    if (this.active >= 0 && items[this.active]) items[this.active].setAttribute("aria-selected", "false");
    this.active = next;
    items[next].setAttribute("aria-selected", "true");
    items[next].scrollIntoView({ block: "nearest" });
    this.box.setAttribute("aria-activedescendant", items[next].id);
  };

  Picker.prototype.key = function (e) {
    if (e.key === "ArrowDown") { e.preventDefault(); this.move(1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); this.move(-1); }
    else if (e.key === "Enter" && !this.list.hidden && (this.active >= 0 || this.shown.length === 1)) {
      e.preventDefault();
      this.choose(this.active >= 0 ? this.active : 0);
    } else if (e.key === "Escape") { this.close(); this.restore(); }
  };

  Picker.prototype.choose = function (index) {
    var item = this.shown[index];
    if (!item) return;
    this.box.value = item.label;
    this.close();
    this.onChoose(item);
  };

  function splitLabel(label) {
    var at = label.indexOf(SEP);
    return at < 0 ? { name: label, path: "" } : { name: label.slice(0, at), path: label.slice(at + SEP.length) };
  }

  function enhanceSelect(select) {
    var items = [];
    Array.prototype.forEach.call(select.options, function (option) {
      if (!option.value) return;
      var parts = splitLabel(option.text);
      items.push({
        value: option.value,
        label: option.text,
        name: parts.name,
        path: parts.path,
        key: fold(option.text + " " + (option.getAttribute("data-code") || "")),
        own: fold(parts.name + " " + (option.getAttribute("data-code") || "")),
        depth: parts.path ? parts.path.split(SEP).length : 0,
      });
    });
    var box = document.createElement("input");
    box.type = "text";
    box.className = "form-control picker-box";
    box.placeholder = "Gõ để tìm (không cần dấu)…";
    if (select.id) {
      box.id = select.id + "_tim";
      var label = document.querySelector('label[for="' + select.id + '"]');
      if (label) label.setAttribute("for", box.id);
    }
    var described = select.getAttribute("aria-describedby");
    if (described) box.setAttribute("aria-describedby", described);
    if (select.getAttribute("aria-invalid")) box.setAttribute("aria-invalid", select.getAttribute("aria-invalid"));
    select.parentNode.insertBefore(box, select);
    select.hidden = true;
    select.tabIndex = -1;
    select.setAttribute("aria-hidden", "true");
    function current() {
      var option = select.options[select.selectedIndex];
      return option && option.value ? option.text : "";
    }
    box.value = current();
    new Picker(box, {
      source: function (text, done) {
        var words = fold(text).split(" ").filter(Boolean);
        var found = items;
        if (words.length) {
          // Organizations whose own name matches come first, the highest level first ("ke sach": the
          // commune before the units named after it inside it); then those matched through the path.
          // The words typed together in the name ("an binh" in "Chi bộ ấp An Bình") come before them apart.
          var phrase = words.join(" ");
          found = items.filter(function (item) { return matches(item.key, words); });
          found = found.map(function (item, i) {
            var rank = item.own.indexOf(phrase) >= 0 ? 2 : matches(item.own, words) ? 1 : 0;
            return { item: item, i: i, rank: rank };
          }).sort(function (a, b) {
            return (b.rank - a.rank) || (a.rank && a.item.depth - b.item.depth) || a.i - b.i;
          }).map(function (entry) { return entry.item; });
        }
        done(found.slice(0, SHOWN), Math.max(0, found.length - SHOWN));
      },
      onChoose: function (item) {
        select.value = item.value;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      },
      restore: function () {
        if (!box.value.trim() && select.querySelector('option[value=""]')) select.value = "";
        box.value = current();
      },
    });
  }

  function enhanceRemote(box) {
    var url = box.getAttribute("data-picker-url");
    var hidden = document.createElement("input");
    hidden.type = "hidden";
    hidden.name = box.name;
    hidden.value = box.value;
    box.removeAttribute("name");
    box.parentNode.insertBefore(hidden, box);
    if (box.getAttribute("data-label")) box.value = box.getAttribute("data-label");
    var shownText = box.value;
    var timer = null;
    var serial = 0;
    box.addEventListener("input", function () { hidden.value = box.value; shownText = box.value; });
    new Picker(box, {
      source: function (text, done) {
        window.clearTimeout(timer);
        if (!text.trim()) { serial += 1; done(null, 0); return; }
        var mine = ++serial;
        timer = window.setTimeout(function () {
          fetch(url + (url.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(text), { credentials: "same-origin", headers: { Accept: "application/json" } })
            .then(function (r) { return r.ok ? r.json() : { results: [] }; })
            .then(function (data) {
              if (mine !== serial) return;
              done(data.results.map(function (r) {
                var parts = splitLabel(r.label);
                return { value: r.value, label: r.label, name: parts.name, path: parts.path };
              }), 0);
            })
            .catch(function () { done([], 0); });
        }, 180);
      },
      onChoose: function (item) { hidden.value = item.value; shownText = item.label; },
      restore: function () {
        if (!box.value.trim()) { hidden.value = ""; shownText = ""; }
        box.value = shownText;
      },
    });
  }

  function init() {
    document.querySelectorAll("select[data-picker]").forEach(enhanceSelect);
    document.querySelectorAll("input[data-picker-url]").forEach(enhanceRemote);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
