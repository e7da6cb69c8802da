/* rdzl-graph site: client-side search over projects and organisations (data embedded as JSON). */
(function () {
  "use strict";
  var input = document.getElementById("site-search");
  var dataEl = document.getElementById("search-data");
  if (!input || !dataEl) { return; }
  var items = JSON.parse(dataEl.textContent);
  var results = document.getElementById("search-results");
  var none = document.getElementById("search-none");
  var rows = document.querySelectorAll("tr[data-search]");

  function render(q) {
    results.textContent = "";
    var query = q.trim().toLowerCase();
    Array.prototype.forEach.call(rows, function (tr) {
      tr.hidden = query !== "" && tr.getAttribute("data-search").indexOf(query) < 0;
    });
    if (!query) { none.hidden = true; return; }
    var hits = items.filter(function (it) { return it.label.toLowerCase().indexOf(query) >= 0; }).slice(0, 20);
    hits.forEach(function (it) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = it.url;
      a.textContent = it.label;
      var kind = document.createElement("span");
      kind.className = "muted";
      kind.textContent = " · " + it.kind;
      li.appendChild(a);
      li.appendChild(kind);
      results.appendChild(li);
    });
    none.hidden = hits.length > 0;
  }

  input.addEventListener("input", function () { render(input.value); });
  render(input.value);
}());
