/* Small layout helpers for every public page (no inline script: the CSP allows only files).
 *
 * 1. Filter panels (<details class="filter-panel">) are folded in the HTML so a phone shows the
 *    results first; on a wide screen they open at once, since there is room for them.
 * 2. Tables marked .cards-narrow become cards on a narrow screen (CSS); each cell gets its column's
 *    header as data-label so a card still says what each value is. The cells are not changed.
 */
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 641px)");
  function openOnWide() {
    if (!wide.matches) return;
    document.querySelectorAll("details.filter-panel").forEach(function (panel) { panel.open = true; });
  }
  openOnWide();
  if (wide.addEventListener) wide.addEventListener("change", openOnWide);

  document.querySelectorAll("table.cards-narrow").forEach(function (table) {
    var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, i) {
        if (heads[i] && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", heads[i]);
      });
    });
  });
})();
