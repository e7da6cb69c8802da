/* rdzl-graph site: the query page. Named questions as forms and a SPARQL editor, answered in
 * the browser by Oxigraph (WebAssembly, assets/rdzl-browser.js) over the embedded graph
 * (assets/rdzl-graph-data.js). Works from file:// without network.
 *
 * window.rdzlQuery(sparql) -> Promise of the answer over the whole graph (all named graphs,
 *   the analysis results included; the project prefixes are predeclared):
 *   SELECT    an array of rows, one object per solution: variable -> plain string value
 *             (IRIs in full, literals as their lexical form, blank nodes "_:id", unbound null);
 *             the array's `columns` property lists the variables in order;
 *   ASK       a boolean;
 *   CONSTRUCT/DESCRIBE  an array of triples {subject, predicate, object}, plain strings as above.
 * window.rdzlAsk(name, values) -> the same for a named question, with `values` (parameter ->
 *   text, as typed in the form; missing ones take the form's starting value), over the built
 *   graphs only, as `rdzl-graph query NAME` answers.
 * window.rdzlReady -> Promise resolved when the graph is loaded, with the time in ms since this
 *   script started (window.rdzlReadyAt: the same moment in ms since the page's navigation).
 *
 * Parameters are bound as RDF terms written by Oxigraph's term serializer, injected as a
 * VALUES block into every group of the WHERE clause exactly as the CLI does for a remote
 * endpoint (rdzl_graph/query/sparql_values.py); user text is never pasted into the query.
 * Answers are written with textContent only.
 */
(function () {
  "use strict";
  var started = performance.now();
  var data = JSON.parse(document.getElementById("query-data").textContent);
  var W = data.words;
  var XSD = "http://www.w3.org/2001/XMLSchema#";
  var NUMERIC = ["integer", "decimal", "double", "float", "int", "long", "short", "byte",
    "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger"];
  var TRUE = ["true", "1", "yes", "ja", "waar"], FALSE = ["false", "0", "no", "nee", "onwaar"];
  var status = document.getElementById("query-status");
  var ox = null, store = null, baseGraphs = null;

  function format(text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, key) { return key in values ? String(values[key]) : m; });
  }

  /* ---- binding parameters (mirrors rdzl_graph.query.named.to_term) ---------------------- */

  function BadValue(message) { this.message = message; }

  function toTerm(param, value) {
    var text = String(value).trim();
    function bad(expected) {
      return new BadValue(format(W.bad_value, { name: param.name, value: JSON.stringify(String(value)),
        expected: W["expected_" + expected] }));
    }
    if (param.type === "string") { return ox.literal(String(value)); }
    if (param.type === "integer") {
      if (!/^[+-]?\d+$/.test(text)) { throw bad("integer"); }
      return ox.literal(BigInt(text).toString(), ox.namedNode(XSD + "integer"));
    }
    if (param.type === "decimal") {
      text = text.replace(",", ".");
      if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) { throw bad("decimal"); }
      return ox.literal(text, ox.namedNode(XSD + "decimal"));
    }
    if (param.type === "boolean") {
      var lower = text.toLowerCase();
      if (TRUE.indexOf(lower) < 0 && FALSE.indexOf(lower) < 0) { throw bad("boolean"); }
      return ox.literal(TRUE.indexOf(lower) >= 0 ? "true" : "false", ox.namedNode(XSD + "boolean"));
    }
    var colon = text.indexOf(":"), prefix = text.slice(0, colon), local = text.slice(colon + 1), iri;
    if (colon > 0 && local && Object.prototype.hasOwnProperty.call(data.short_forms, prefix) && local.indexOf("//") !== 0) {
      iri = data.short_forms[prefix] + local;
    } else if (/^(https?:\/\/|urn:)/.test(text)) {
      iri = text;
    } else if (param.kind && data.id_prefixes[param.kind] && /^[a-z0-9][a-z0-9-]*$/.test(text)) {
      iri = data.id_prefixes[param.kind] + text;
    } else {
      throw bad("iri");
    }
    if (/[\u0000-\u0020<>"{}|^`\\]/.test(iri)) { throw bad("iri"); }
    try { return ox.namedNode(iri); } catch (e) { throw bad("iri"); }
  }

  var SCOPE_TOKENS = /(#[^\n]*|"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\u0000-\u0020]*>)|(\b(?:WHERE|VALUES|SELECT)\b)|(\{)/gi;

  /* rdzl_graph.query.sparql_values.inject_values: the one-row VALUES block in every group of
   * the WHERE clause (not in a CONSTRUCT template, a VALUES data block or before a sub-SELECT). */
  function injectValues(sparql, bindings) {
    var names = Object.keys(bindings);
    if (!names.length) { return sparql; }
    var block = " VALUES (" + names.map(function (n) { return "?" + n; }).join(" ") + ") { (" +
      names.map(function (n) { return bindings[n].toString(); }).join(" ") + ") }";
    var tokens = [], m;
    SCOPE_TOKENS.lastIndex = 0;
    while ((m = SCOPE_TOKENS.exec(sparql)) !== null) {
      if (!m[1]) { tokens.push({ word: (m[2] || "").toUpperCase(), start: m.index, end: m.index + m[0].length }); }
    }
    var inserts = [], inWhere = false, afterValues = false;
    tokens.forEach(function (token, index) {
      if (token.word) {
        inWhere = inWhere || token.word === "WHERE";
        afterValues = token.word === "VALUES";
        return;
      }
      if (afterValues) { afterValues = false; return; }
      var next = tokens[index + 1];
      var subselect = next && next.word === "SELECT" && !sparql.slice(token.end, next.start).trim();
      if (inWhere && !subselect) { inserts.push(token.end); }
    });
    if (!inserts.length) { throw new BadValue("the query has no WHERE { ... } clause"); }
    var pieces = [], last = 0;
    inserts.forEach(function (position) { pieces.push(sparql.slice(last, position), block); last = position; });
    pieces.push(sparql.slice(last));
    return pieces.join("");
  }

  /* rdzl_graph.query.named.with_prefixes */
  function withPrefixes(sparql) {
    var declared = {}, re = /\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:/gi, m;
    while ((m = re.exec(sparql)) !== null) { declared[m[1] || ""] = true; }
    var lines = Object.keys(data.prefixes).filter(function (p) { return !declared[p]; })
      .map(function (p) { return "PREFIX " + p + ": <" + data.prefixes[p] + ">"; });
    return lines.concat([sparql]).join("\n");
  }

  /* ---- running queries ------------------------------------------------------------------ */

  function queryForm(sparql) {
    var stripped = sparql.replace(SCOPE_TOKENS, function (m, skip) { return skip ? " " : m; });
    var m = /\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b/i.exec(stripped);
    return m ? m[1].toUpperCase() : "SELECT";
  }

  function plainJson(cell) {
    if (!cell) { return null; }
    return cell.type === "bnode" ? "_:" + cell.value : cell.value;
  }

  function plainTerm(term) {
    return term.termType === "BlankNode" ? "_:" + term.value : term.value;
  }

  function numeric(datatype) {
    return !!datatype && datatype.indexOf(XSD) === 0 && NUMERIC.indexOf(datatype.slice(XSD.length)) >= 0;
  }

  /* Runs a full query text; returns {kind, columns, rows (plain strings), cells (kind, datatype)}. */
  function execute(sparql, options) {
    var form = queryForm(sparql);
    if (form === "SELECT") {
      var json = JSON.parse(store.query(sparql, Object.assign({ results_format: "json" }, options)));
      var columns = json.head.vars || [];
      var rows = [], cells = [];
      json.results.bindings.forEach(function (b) {
        var row = {}, info = {};
        columns.forEach(function (c) {
          row[c] = plainJson(b[c]);
          info[c] = b[c] ? { type: b[c].type, numeric: numeric(b[c].datatype) } : null;
        });
        rows.push(row); cells.push(info);
      });
      return { kind: "select", columns: columns, rows: rows, cells: cells };
    }
    var result = store.query(sparql, options);
    if (typeof result === "boolean") { return { kind: "ask", boolean: result, columns: [], rows: [], cells: [] }; }
    var triples = [], tcells = [];
    result.forEach(function (q) {
      var row = {}, info = {};
      ["subject", "predicate", "object"].forEach(function (k) {
        row[k] = plainTerm(q[k]);
        info[k] = { type: q[k].termType === "NamedNode" ? "uri" : q[k].termType === "Literal" ? "literal" : "bnode",
          numeric: q[k].termType === "Literal" && numeric(q[k].datatype.value) };
      });
      triples.push(row); tcells.push(info);
    });
    return { kind: "construct", columns: ["subject", "predicate", "object"], rows: triples, cells: tcells };
  }

  function publicAnswer(result) {
    if (result.kind === "ask") { return result.boolean; }
    var rows = result.rows.slice();
    rows.columns = result.columns.slice();
    return rows;
  }

  function question(name) {
    return data.questions.filter(function (q) { return q.name === name; })[0];
  }

  function bindQuestion(q, values) {
    var bindings = {};
    q.params.forEach(function (p) {
      var value = values && Object.prototype.hasOwnProperty.call(values, p.name) ? values[p.name] : p.value;
      if (value === null || value === undefined || value === "") {
        if (p.required) { throw new BadValue(format(W.missing, { name: p.name })); }
        return;
      }
      bindings[p.name] = toTerm(p, value);
      /* as the CLI: an iri(kind) value must be in the graph (a typo is an error, not "no rows") */
      if (p.type === "iri" && p.kind && !store.match(bindings[p.name], null, null, null).length) {
        throw new BadValue(format(W.not_in_graph, { name: p.name, value: bindings[p.name].value }));
      }
    });
    return withPrefixes(injectValues(q.sparql, bindings));
  }

  function runQuestion(q, values) {
    var text = bindQuestion(q, values);
    return execute(text, { default_graph: baseGraphs, named_graphs: baseGraphs });
  }

  function runEditor(sparql) {
    return execute(withPrefixes(sparql), { use_default_graph_as_union: true });
  }

  var loaded = window.RdzlBrowser.ready.then(function (module) {
    ox = module;
    store = new ox.Store();
    var graph = window.RDZL_GRAPH;
    window.RdzlBrowser.times.loading = performance.now();
    store.load(graph.trig, { format: "application/trig" });
    if (graph.analysis) { store.load(graph.analysis, { format: "application/trig" }); }
    baseGraphs = graph.graphs.map(function (g) { return ox.namedNode(g); });
    window.rdzlReadyAt = performance.now();
    window.RdzlBrowser.times.script = started;
    window.RdzlBrowser.times.loaded = window.rdzlReadyAt;
    return window.rdzlReadyAt - started;
  });

  function later(fn) {
    return loaded.then(function () {
      try { return fn(); } catch (e) { return Promise.reject(e instanceof BadValue ? new Error(e.message) : e); }
    });
  }

  window.rdzlReady = loaded;
  window.rdzlQuery = function (sparql) { return later(function () { return publicAnswer(runEditor(String(sparql))); }); };
  window.rdzlAsk = function (name, values) {
    return later(function () {
      var q = question(name);
      if (!q) { throw new BadValue("unknown question " + name); }
      return publicAnswer(runQuestion(q, values || {}));
    });
  };

  /* ---- showing answers ------------------------------------------------------------------ */

  function shortForm(iri) {
    var best = "", name = iri;
    Object.keys(data.id_prefixes).forEach(function (p) {
      var base = data.id_prefixes[p];
      if (p !== "org" && iri.indexOf(base) === 0 && base.length > best.length) { best = base; name = p + ":" + iri.slice(base.length); }
    });
    if (best) { return name; }
    Object.keys(data.prefixes).forEach(function (p) {
      var base = data.prefixes[p];
      if (iri.indexOf(base) === 0 && base.length > best.length) { best = base; name = p + ":" + iri.slice(base.length); }
    });
    return name;
  }

  function display(value, info) {
    if (value === null) { return ""; }
    return info && info.type === "uri" ? shortForm(value) : value;
  }

  function element(tag, text, className) {
    var el = document.createElement(tag);
    if (text !== undefined) { el.textContent = text; }
    if (className) { el.className = className; }
    return el;
  }

  /* A spreadsheet cell: no formula (= + - @ tab CR at the start get a leading apostrophe). */
  // Formula injection (OWASP), as rdzl_graph.text.safety.neutralise: a text cell whose first
  // character after leading spaces is = + - @ tab or CR gets a leading '; numbers stay numbers.
  function csvCell(text, numeric) {
    var value = String(text);
    if (!numeric && /^ *[=+\-@\t\r]/.test(value)) { value = "'" + value; }
    return /[";\n\r]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  function csvText(result) {
    var lines = [result.columns.map(csvCell).join(";")];
    result.rows.forEach(function (row, i) {
      lines.push(result.columns.map(function (c) {
        var info = result.cells[i][c], text = display(row[c], info);
        if (info && info.numeric) { text = text.replace(".", ","); }
        return csvCell(text, info && info.numeric);
      }).join(";"));
    });
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }

  function downloadLink(result, name) {
    var a = element("a", W.download_csv, "button");
    a.download = name + ".csv";
    a.href = URL.createObjectURL(new Blob([csvText(result)], { type: "text/csv;charset=utf-8" }));
    return a;
  }

  function showAnswer(box, result, name, ms) {
    box.textContent = "";
    if (result.kind === "ask") {
      box.appendChild(element("p", W.answer + ": " + (result.boolean ? W.yes : W.no), "ask-answer"));
      return;
    }
    var n = result.rows.length;
    var meta = element("p", (n === 1 ? W.one_row : format(W.rows, { n: n })) + " · " + format(W.elapsed, { ms: Math.round(ms) }), "muted small");
    box.appendChild(meta);
    if (!n) { box.appendChild(element("p", W.no_rows)); return; }
    box.appendChild(downloadLink(result, name));
    var wrap = element("div", undefined, "table-wrap");
    var table = element("table", undefined, "answer-table");
    var head = table.createTHead().insertRow();
    result.columns.forEach(function (c) {
      head.appendChild(element("th", result.kind === "construct" ? W[c] : c));
    });
    var body = table.createTBody();
    result.rows.forEach(function (row, i) {
      var tr = body.insertRow();
      result.columns.forEach(function (c) {
        var td = tr.insertCell(), info = result.cells[i][c], text = display(row[c], info);
        if (info && info.type === "uri" && Object.prototype.hasOwnProperty.call(data.links, row[c])) {
          var a = element("a", text);
          a.href = data.links[row[c]];
          td.appendChild(a);
        } else {
          td.textContent = text;
        }
        if (info && info.numeric) { td.className = "num"; }
      });
    });
    wrap.appendChild(table);
    box.appendChild(wrap);
  }

  function showError(box, error) {
    box.textContent = "";
    box.appendChild(element("p", W.error + ": " + (error && error.message ? error.message : String(error)), "error"));
  }

  /* ---- the form ------------------------------------------------------------------------- */

  var select = document.getElementById("question-select");
  var paramsBox = document.getElementById("question-params");
  var answerBox = document.getElementById("question-answer");

  function paramField(q, p) {
    var id = "param-" + p.name, wrap = element("p", undefined, "param"), field;
    var label = element("label", p.name + (p.description ? " — " + p.description : ""));
    label.htmlFor = id;
    if (p.options) {
      field = document.createElement("select");
      field.appendChild(new Option(p.required ? W.choose : W.all, ""));
      data.options[p.options].forEach(function (o) { field.appendChild(new Option(o.label, o.value)); });
    } else if (p.type === "boolean") {
      field = document.createElement("select");
      if (!p.required) { field.appendChild(new Option(W.all, "")); }
      field.appendChild(new Option(W.yes, "true"));
      field.appendChild(new Option(W.no, "false"));
    } else {
      field = document.createElement("input");
      field.type = "text";
    }
    field.id = id;
    field.name = p.name;
    field.value = p.value === null ? "" : p.value;
    wrap.appendChild(label);
    wrap.appendChild(field);
    return wrap;
  }

  function showQuestion() {
    var q = question(select.value);
    document.getElementById("question-description").textContent = q.description;
    document.getElementById("question-sparql").textContent = q.sparql;
    paramsBox.textContent = "";
    q.params.forEach(function (p) { paramsBox.appendChild(paramField(q, p)); });
    answerBox.textContent = "";
  }

  select.addEventListener("change", showQuestion);
  showQuestion();
  document.getElementById("question-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var q = question(select.value), values = {};
    q.params.forEach(function (p) { values[p.name] = document.getElementById("param-" + p.name).value; });
    var t0 = performance.now();
    later(function () { return runQuestion(q, values); }).then(function (result) {
      showAnswer(answerBox, result, q.name, performance.now() - t0);
    }, function (error) { showError(answerBox, error); });
  });

  /* ---- the editor ----------------------------------------------------------------------- */

  var Yasqe = window.RdzlBrowser.Yasqe;
  var prefixList = Object.keys(data.prefixes).sort().map(function (p) { return p + ": <" + data.prefixes[p] + ">"; });
  Yasqe.registerAutocompleter({
    name: "rdzl-prefixes", bulk: true, autoShow: true, persistenceId: null, get: prefixList,
    isValidCompletionPosition: function (yasqe) {
      var cur = yasqe.getDoc().getCursor(), token = yasqe.getTokenAt(cur);
      if (yasqe.getDoc().getLine(cur.line).length > cur.ch) { return false; }
      if (token.type !== "ws") { token = yasqe.getCompleteToken(); }
      var previous = yasqe.getPreviousNonWsToken(cur.line, token);
      return !!previous && String(previous.string).toUpperCase() === "PREFIX";
    },
    preProcessToken: function (yasqe, token) {
      var previous = yasqe.getPreviousNonWsToken(yasqe.getDoc().getCursor().line, token);
      if (previous && previous.string && previous.string.slice(-1) === ":") {
        return { start: previous.start, end: token.end, string: previous.string + " " + token.string,
          state: token.state, type: token.type };
      }
      return token;
    }
  }, true);
  var editorBox = document.getElementById("editor-answer");
  var example = "PREFIX rdzl: <" + data.prefixes.rdzl + ">\nPREFIX rdfs: <" + data.prefixes.rdfs + ">\n" +
    "SELECT ?project ?label WHERE {\n  ?project a rdzl:Project ; rdfs:label ?label .\n  FILTER(LANG(?label) = \"nl\")\n}\nORDER BY ?label\nLIMIT 20\n";
  var yasqe = new Yasqe(document.getElementById("sparql-editor"), {
    value: example, persistenceId: null, autocompleters: ["rdzl-prefixes", "variables"], showQueryButton: false,
    resizeable: false, editorHeight: "260px", consumeShareLink: null, createShareableLink: null,
    extraKeys: { "Ctrl-Enter": function () { runFromEditor(); }, "Cmd-Enter": function () { runFromEditor(); },
      "Ctrl-Space": function (e) { e.autocomplete(); } }
  });
  window.rdzlEditor = yasqe;
  window.RdzlBrowser.times.editor = performance.now();

  function runFromEditor() {
    var t0 = performance.now();
    later(function () { return runEditor(yasqe.getValue()); }).then(function (result) {
      showAnswer(editorBox, result, "vraag", performance.now() - t0);
    }, function (error) { showError(editorBox, error); });
  }
  document.getElementById("editor-run").addEventListener("click", runFromEditor);

  loaded.then(function () {
    status.textContent = format(W.ready, { n: store.size, ms: Math.round(window.rdzlReadyAt) });
    document.getElementById("question-run").disabled = false;
    document.getElementById("editor-run").disabled = false;
  }, function (error) {
    status.textContent = format(W.load_failed, { error: error && error.message ? error.message : String(error) });
  });
}());
