/* rdzl-graph site: the overview's search over projects, organisations, people, places, themes and circles.
 * The index is embedded as JSON (made at site generation from the graph); matching ignores case and accents
 * (NFD, combining marks stripped). A match that is not a project shows the projects it leads to, each with
 * the reason ("partner: Envida"); line tables with no project left are hidden with their header.
 * Every text is put into the page with textContent, never as HTML. Exposes window.rdzlSearch. */
(function () {
  "use strict";
  var input = document.getElementById("site-search");
  var dataEl = document.getElementById("search-data");
  if (!input || !dataEl) { return; }
  var data = JSON.parse(dataEl.textContent);
  var words = data.words;
  var results = document.getElementById("search-results");
  var summary = document.getElementById("search-summary");
  var none = document.getElementById("search-none");
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-project]"));
  var lines = Array.prototype.slice.call(document.querySelectorAll("article.line"));
  var MAX_HITS = 20;

  function fold(text) {
    return String(text || "").normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }

  var items = data.items.map(function (it) {
    return { item: it, label: fold(it.label), text: fold(it.text) };
  });

  function count(n, many, one) { return n === 1 ? one : many.replace("{n}", String(n)); }

  /* Matching items, best first: label starts with the text, label contains it, description contains it. */
  function match(q) {
    var hits = [];
    items.forEach(function (entry) {
      var at = entry.label.indexOf(q);
      var rank = at === 0 ? 0 : (at > 0 ? 1 : (entry.text.indexOf(q) >= 0 ? 2 : -1));
      if (rank >= 0) { hits.push({ rank: rank, entry: entry }); }
    });
    hits.sort(function (a, b) { return a.rank - b.rank || a.entry.label.length - b.entry.label.length; });
    return hits;
  }

  /* project IRI -> reasons it is shown (empty list: the project itself matched by name). */
  function reasonsOf(hits) {
    var reasons = {};
    hits.forEach(function (hit) {
      var it = hit.entry.item;
      var why = it.reason || (hit.rank === 2 ? words.search_in_description : null);
      it.projects.forEach(function (iri) {
        var list = reasons[iri] || (reasons[iri] = []);
        if (why && list.indexOf(why) < 0) { list.push(why); }
      });
    });
    return reasons;
  }

  function showRows(reasons, searching) {
    rows.forEach(function (tr) {
      var why = reasons[tr.getAttribute("data-project")];
      var note = tr.querySelector(".why-match");
      tr.hidden = searching && !why;
      note.textContent = why && why.length ? " " + why.slice(0, 3).join("; ") : "";
      note.hidden = !note.textContent;
    });
    lines.forEach(function (article) {
      var shown = article.querySelectorAll("tr[data-project]:not([hidden])").length;
      article.hidden = searching && shown === 0;
      var folded = article.querySelector("details.line-projects");
      if (folded && searching && shown) { folded.open = true; }
    });
  }

  function listHits(hits) {
    hits.slice(0, MAX_HITS).forEach(function (hit) {
      var it = hit.entry.item;
      var li = document.createElement("li");
      var name = document.createElement(it.url ? "a" : "strong");
      if (it.url) { name.href = it.url; }
      name.textContent = it.label;
      li.appendChild(name);
      var kind = document.createElement("span");
      kind.className = "muted";
      kind.textContent = " · " + it.kind + (it.reason ? " · " + count(it.projects.length, words.search_leads,
                                                                          words.search_leads_one) : "");
      li.appendChild(kind);
      results.appendChild(li);
    });
  }

  function render(text) {
    var q = fold(text).trim();
    results.textContent = "";
    summary.textContent = "";
    var hits = q ? match(q) : [];
    var reasons = reasonsOf(hits);
    showRows(reasons, q !== "");
    none.hidden = !q || hits.length > 0;
    if (!q || !hits.length) { return { hits: [], projects: [] }; }
    listHits(hits);
    var projects = Object.keys(reasons);
    summary.textContent = count(projects.length, words.search_found, words.search_found_one);
    return { hits: hits.map(function (h) { return h.entry.item.label; }), projects: projects };
  }

  input.addEventListener("input", function () { render(input.value); });
  window.rdzlSearch = { fold: fold, render: render };
  render(input.value);
}());
