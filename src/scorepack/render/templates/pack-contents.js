/* scorepack: the box above the pack's contents that finds a unit.
 *
 * The contents are a nested list (county, areas, teams), each unit's entry
 * an <li data-find="its name in lower case">, each exception report's an
 * <li data-report>.  Typing part of a name keeps the units whose names hold
 * it, with their reports and the units below them, and the units above them
 * (without their reports) so the place in the tree still shows.  Without
 * this script the box stays hidden and the whole list shows.
 */
(function () {
  "use strict";
  var box = document.getElementById("contents-filter");
  var status = document.getElementById("contents-filter-status");
  if (!box || !status) {
    return;
  }
  var units = Array.prototype.slice.call(document.querySelectorAll(".contents li[data-find]"));
  var reports = Array.prototype.slice.call(document.querySelectorAll(".contents li[data-report]"));

  function unitOf(li) {
    var up = li.parentElement;
    while (up && !(up.tagName === "LI" && up.hasAttribute("data-find"))) {
      up = up.parentElement;
    }
    return up;
  }

  function filter() {
    var wanted = box.value.trim().toLowerCase();
    var found = 0;
    var full = new Set();
    var path = new Set();
    units.forEach(function (li) {
      if (wanted && li.getAttribute("data-find").indexOf(wanted) !== -1) {
        found += 1;
        full.add(li);
      }
    });
    units.forEach(function (li) {
      for (var up = unitOf(li); up; up = unitOf(up)) {
        if (full.has(up)) {
          full.add(li);
          break;
        }
      }
    });
    full.forEach(function (li) {
      for (var up = unitOf(li); up; up = unitOf(up)) {
        path.add(up);
      }
    });
    units.forEach(function (li) {
      li.hidden = Boolean(wanted) && !full.has(li) && !path.has(li);
    });
    reports.forEach(function (li) {
      li.hidden = Boolean(wanted) && !full.has(unitOf(li));
    });
    if (!wanted) {
      status.textContent = "";
    } else if (found === 0) {
      status.textContent = "No unit's name holds “" + box.value.trim() + "”.";
    } else {
      status.textContent = found === 1 ? "1 unit found." : found + " units found.";
    }
  }

  box.addEventListener("input", filter);
  box.closest(".contents-filter").hidden = false;
  filter();
})();
