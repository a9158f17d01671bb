/* Filter the rows of an index page as the reader types: a row stays when it holds
   every typed word (ignoring case and accents). Without the script every row shows
   and the filter box stays hidden. */
(function () {
  "use strict";
  var box = document.querySelector("[data-filter]");
  var tables = document.getElementById("index-tables");
  if (!box || !tables) return;
  var input = box.querySelector("input");
  var status = box.querySelector("[role=status]");
  var noun = box.getAttribute("data-filter");
  var rows = Array.prototype.slice.call(tables.querySelectorAll("tbody tr"));
  var groups = Array.prototype.slice.call(tables.querySelectorAll(".index-group"));
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var texts = rows.map(function (row) { return fold(row.textContent); });
  function apply() {
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row, i) {
      var keep = words.every(function (word) { return texts[i].indexOf(word) !== -1; });
      row.hidden = !keep;
      if (keep) shown += 1;
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("tbody tr:not([hidden])");
    });
    status.textContent = words.length ? shown + " of " + rows.length + " " + noun : "";
  }
  box.hidden = false;
  input.addEventListener("input", apply);
  apply();
})();
