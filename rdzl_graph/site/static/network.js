/* rdzl-graph site: interactive network views (full network page and small ego views).
 * Data comes from <script type="application/json"> elements; every text is put into the page with
 * textContent, never as HTML. Exposes window.rdzlNetwork (main page) / window.rdzlEgo (ego views). */
(function () {
  "use strict";

  function readJson(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  function tooltip(node) {
    var box = el("div", null, "tip");
    box.appendChild(el("strong", node.label));
    box.appendChild(el("div", node.kindLabel || node.kind, "tip-kind"));
    if (node.status) { box.appendChild(el("div", node.status)); }
    if (node.amount) { box.appendChild(el("div", node.amount + (node.amountCertainty ? " (" + node.amountCertainty + ")" : ""))); }
    return box;
  }

  function prepareNodes(raw, mode) {
    return raw.map(function (n) {
      var copy = Object.assign({}, n);
      copy.title = tooltip(n);
      copy.color = mode === "community" ? n.communityColour : n.typeColour;
      copy.hidden = false;
      return copy;
    });
  }

  /* Labels readable at every zoom: each label shown is drawn LABEL_PX pixels high on screen (larger
   * when zoomed in far), and only where it fits: inside the canvas and over no other label. The labels of
   * the hovered or selected node and its neighbours go first, then those of the most central nodes (the
   * largest); the rest appear as you zoom in. A hidden label gets font size 0 (vis-network does not draw
   * a label below its drawThreshold). */
  var LABEL_PX = 12;
  var LABEL_MIN_FONT = 14;
  /* The start view leaves this much of the canvas around the graph for the labels of the outer nodes. */
  var FRAME_MARGIN = 0.85;

  function labelManager(state, container) {
    var measure = document.createElement("canvas").getContext("2d");
    var text = {};
    state.data.nodes.forEach(function (n) { text[n.id] = n.label; });
    var order = state.data.nodes.slice().sort(function (a, b) {
      return (b.size || 0) - (a.size || 0) || String(a.label).localeCompare(String(b.label));
    }).map(function (n) { return n.id; });
    var fonts = {};
    var shown = {};
    var pending = false;
    var focus = null;

    function overlaps(a, b) { return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom; }

    function place() {
      pending = false;
      var net = state.network;
      var scale = net.getScale();
      if (!(scale > 0)) { return; }
      var font = Math.max(LABEL_MIN_FONT, LABEL_PX / scale);
      var px = font * scale;
      measure.font = px + "px system-ui,sans-serif";
      var width = container.clientWidth, height = container.clientHeight;
      var first = focus !== null && state.nodes.get(focus) ? [focus].concat(net.getConnectedNodes(focus)) : [];
      var seen = {};
      var candidates = first.concat(order).filter(function (id) { return !seen[id] && (seen[id] = true); });
      var positions = net.getPositions(candidates);
      var boxes = [];
      var next = {};
      candidates.forEach(function (id) {
        var node = state.nodes.get(id);
        var pos = positions[id];
        if (!node || node.hidden || !pos) { return; }
        var anchor = net.canvasToDOM({ x: pos.x, y: pos.y + (node.size || 10) });
        var w = measure.measureText(text[id]).width + 8;
        var box = { left: anchor.x - w / 2, right: anchor.x + w / 2, top: anchor.y, bottom: anchor.y + px * 1.4 + 4 };
        if (box.left < 2 || box.top < 2 || box.right > width - 2 || box.bottom > height - 2) { return; }
        for (var i = 0; i < boxes.length; i++) { if (overlaps(box, boxes[i])) { return; } }
        boxes.push(box);
        next[id] = box;
      });
      var updates = [];
      state.data.nodes.forEach(function (n) {
        var size = next[n.id] ? font : 0;
        if (fonts[n.id] !== size) { fonts[n.id] = size; updates.push({ id: n.id, font: { size: size } }); }
      });
      shown = next;
      if (updates.length) { state.nodes.update(updates); }
    }

    function later() {
      if (!pending) { pending = true; window.requestAnimationFrame(place); }
    }

    ["zoom", "dragEnd", "stabilized", "resize", "animationFinished", "stabilizationIterationsDone"].forEach(
      function (name) { state.network.on(name, later); });
    state.network.on("hoverNode", function (params) { focus = params.node; later(); });
    state.network.on("blurNode", function () { focus = state.selected; later(); });
    state.network.on("selectNode", function (params) { focus = params.nodes[0]; later(); });
    state.network.on("deselectNode", function () { focus = null; later(); });
    state.network.once("afterDrawing", later);
    return {
      update: later,
      place: place,
      focus: function (id) { focus = id; later(); },
      shown: function () { return Object.keys(shown); }
    };
  }

  function makeNetwork(container, data, mode) {
    var nodes = new vis.DataSet(prepareNodes(data.nodes, mode || "type"));
    var edges = new vis.DataSet(data.edges.map(function (e, i) {
      var copy = Object.assign({ id: "e" + i }, e);
      delete copy.title;
      return copy;
    }));
    var state = { network: null, nodes: nodes, edges: edges, drawn: false, stable: false,
                  selected: null, data: data, ready: false };
    state.network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
    /* The whole view with a margin for the labels of the outer nodes; again when the canvas changes size,
     * until the reader has zoomed or dragged. */
    var moved = false;
    function frame() {
      var ids = state.nodes.getIds({ filter: function (n) { return !n.hidden; } });
      if (moved || !ids.length) { return; }
      var positions = state.network.getPositions(ids);
      var box = { left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity };
      ids.forEach(function (id) {  /* the nodes only: labels change with the zoom */
        var p = positions[id], r = state.nodes.get(id).size || 10;
        box.left = Math.min(box.left, p.x - r); box.right = Math.max(box.right, p.x + r);
        box.top = Math.min(box.top, p.y - r); box.bottom = Math.max(box.bottom, p.y + r);
      });
      var scale = Math.min(container.clientWidth / Math.max(box.right - box.left, 1),
                           container.clientHeight / Math.max(box.bottom - box.top, 1)) * FRAME_MARGIN;
      state.network.moveTo({ position: { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 },
                             scale: Math.min(scale, 1), animation: false });
    }
    state.network.on("dragStart", function () { moved = true; });
    state.network.on("zoom", function () { moved = true; });
    state.network.on("resize", function () { window.requestAnimationFrame(frame); });
    state.network.once("afterDrawing", function () {
      state.drawn = true;
      if (!data.physics) { frame(); state.stable = true; }
    });
    state.network.on("stabilized", function () { state.stable = true; });
    if (data.physics) {
      state.network.once("stabilizationIterationsDone", function () {
        state.network.setOptions({ physics: { enabled: false } });
        frame();
        state.stable = true;
      });
    }
    state.labelling = labelManager(state, container);
    state.labels = state.labelling.shown;
    state.ready = true;
    return state;
  }

  function neighboursOf(state, id) {
    var ids = state.network.getConnectedNodes(id);
    return state.nodes.get(ids);
  }

  function showDetails(state, id) {
    var body = document.getElementById("details-body");
    if (!body) { return; }
    var ui = state.data.ui;
    body.textContent = "";
    var node = state.nodes.get(id);
    if (!node) { return; }
    body.appendChild(el("h3", node.label));
    body.appendChild(el("p", node.kindLabel || node.kind, "muted"));
    if (node.twin) { body.appendChild(twinNote(state, node)); }
    var dl = el("dl", null, "facts small");
    function row(term, value) {
      if (value === undefined || value === null || value === "") { return; }
      dl.appendChild(el("dt", term));
      dl.appendChild(el("dd", value));
    }
    row(ui.status, node.status);
    row(ui.amount, node.amount ? node.amount + (node.amountCertainty ? " — " + node.amountCertainty : "") : "");
    row(ui.type, node.typeLabel);
    row(ui.source_section, node.section);
    row(ui.identifier, node.id);
    body.appendChild(dl);
    var linked = neighboursOf(state, id);
    if (linked.length) {
      body.appendChild(el("h4", ui.connections));
      var ul = el("ul", null, "linked");
      linked.sort(function (a, b) { return a.label.localeCompare(b.label); }).forEach(function (n) {
        var li = el("li");
        var b = el("button", n.label, "linkish");
        b.type = "button";
        b.addEventListener("click", function () { focusNode(state, n.id); });
        li.appendChild(b);
        li.appendChild(el("span", " · " + (n.kindLabel || n.kind), "muted"));
        ul.appendChild(li);
      });
      body.appendChild(ul);
    }
    if (node.url) {
      var a = el("a", ui.open_page + " →", "button");
      a.href = state.data.root + node.url;
      body.appendChild(a);
    }
  }

  /* A project and an organisation of the same name: say which one this is and lead to the other. */
  function twinNote(state, node) {
    var ui = state.data.ui;
    var isProject = node.twinKind === "organisation";
    var box = el("p", (isProject ? ui.twin_is_project : ui.twin_is_organisation).replace("{name}", node.label) + " ",
                 "note-box small twin");
    var other = state.nodes.get(node.twin);
    var text = (isProject ? ui.twin_see_organisation : ui.twin_see_project) + " " + (other ? other.label : "");
    if (other) {
      var b = el("button", text, "linkish twin-link");
      b.type = "button";
      b.addEventListener("click", function () { focusNode(state, node.twin); });
      box.appendChild(b);
    }
    return box;
  }

  function focusNode(state, id) {
    var node = state.nodes.get(id);
    if (!node) { return false; }
    if (node.hidden) { state.nodes.update({ id: id, hidden: false }); }
    state.network.selectNodes([id]);
    state.selected = id;
    state.labelling.focus(id);
    state.network.focus(id, { scale: 1.3, animation: { duration: 400 } });
    showDetails(state, id);
    return true;
  }

  function findNode(state, text) {
    var q = text.trim().toLowerCase();
    if (!q) { return null; }
    var all = state.nodes.get();
    var exact = all.filter(function (n) { return n.label.toLowerCase() === q || n.id === text.trim(); });
    if (exact.length) { return exact[0].id; }
    var part = all.filter(function (n) { return n.label.toLowerCase().indexOf(q) >= 0; });
    part.sort(function (a, b) { return a.label.length - b.label.length; });
    return part.length ? part[0].id : null;
  }

  /* The best match in a list of {label, url} items: exact label first, else the shortest label containing the text. */
  function findItem(items, text) {
    var q = text.trim().toLowerCase();
    if (!q) { return null; }
    var best = null;
    for (var i = 0; i < items.length; i++) {
      var label = items[i].label.toLowerCase();
      if (label === q) { return items[i]; }
      if (label.indexOf(q) >= 0 && (best === null || items[i].label.length < best.label.length)) { best = items[i]; }
    }
    return best;
  }

  function applyFilters(state, filters) {
    var active = Object.keys(filters).filter(function (k) { return filters[k]; });
    var all = state.nodes.get();
    var updates;
    if (!active.length) {
      updates = all.map(function (n) { return { id: n.id, hidden: false }; });
    } else {
      var projectOk = {};
      all.forEach(function (n) {
        if (n.kind !== "project") { return; }
        var ok = true;
        if (filters.line && n.line !== filters.line) { ok = false; }
        if (filters.orgType && (n.orgTypes || []).indexOf(filters.orgType) < 0) { ok = false; }
        if (filters.municipality && (n.municipality || []).indexOf(filters.municipality) < 0) { ok = false; }
        projectOk[n.id] = ok;
      });
      updates = all.map(function (n) {
        var visible;
        if (n.kind === "project") {
          visible = projectOk[n.id];
        } else {
          visible = state.network.getConnectedNodes(n.id).some(function (m) { return projectOk[m]; });
          if (visible && filters.orgType && n.kind === "organisation" && n.orgType !== filters.orgType) { visible = false; }
          if (visible && filters.municipality && n.kind === "municipality" && n.id !== filters.municipality) { visible = false; }
        }
        return { id: n.id, hidden: !visible };
      });
    }
    state.nodes.update(updates);
  }

  function setColourMode(state, mode) {
    state.nodes.update(state.data.nodes.map(function (n) {
      return { id: n.id, color: mode === "community" ? n.communityColour : n.typeColour };
    }));
    var lt = document.getElementById("legend-type");
    var lc = document.getElementById("legend-community");
    if (lt && lc) { lt.hidden = mode === "community"; lc.hidden = mode !== "community"; }
  }

  function initMain() {
    var container = document.getElementById("network");
    var data = readJson("rdzl-network-data");
    if (!container || !data) { return; }
    var state = makeNetwork(container, data, "type");
    window.rdzlNetwork = state;
    state.network.on("click", function (params) {
      if (params.nodes.length) { state.selected = params.nodes[0]; showDetails(state, params.nodes[0]); }
    });
    var list = document.getElementById("net-labels");
    data.nodes.map(function (n) { return n.label; }).sort().forEach(function (label) {
      var o = document.createElement("option");
      o.value = label;
      list.appendChild(o);
    });
    var msg = document.getElementById("net-search-msg");
    var index = readJson("rdzl-search-data");
    var everything = index ? index.items.filter(function (it) { return it.url; }) : null;
    document.getElementById("net-search").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var text = document.getElementById("net-search-input").value;
      var id = findNode(state, text);
      msg.textContent = "";
      if (id) { focusNode(state, id); return; }
      var other = everything ? findItem(everything, text) : null;
      if (!other) { msg.textContent = data.ui.not_found + ": " + text; return; }
      msg.appendChild(el("span", other.label + " " + data.ui.not_in_view + ": "));
      var a = el("a", data.ui.open_page + " →");
      a.href = data.root + other.url;
      msg.appendChild(a);
    });
    var filters = {};
    Array.prototype.forEach.call(document.querySelectorAll("select[data-key]"), function (sel) {
      sel.addEventListener("change", function () {
        filters[sel.getAttribute("data-key")] = sel.value;
        applyFilters(state, filters);
      });
    });
    document.getElementById("f-reset").addEventListener("click", function () {
      Array.prototype.forEach.call(document.querySelectorAll("select[data-key]"), function (sel) { sel.value = ""; });
      filters = {};
      applyFilters(state, filters);
      state.network.fit();
    });
    Array.prototype.forEach.call(document.querySelectorAll("input[name=colour]"), function (radio) {
      radio.addEventListener("change", function () { if (radio.checked) { setColourMode(state, radio.value); } });
    });
    state.focusNode = function (id) { return focusNode(state, id); };
    state.search = function (text) { var id = findNode(state, text); if (id) { focusNode(state, id); } return id; };
    state.applyFilters = function (f) { filters = Object.assign({}, f); applyFilters(state, filters); };
  }

  function initEgo() {
    var container = document.getElementById("ego");
    var data = readJson("ego-data");
    if (!container || !data) { return; }
    var state = makeNetwork(container, data, "type");
    window.rdzlEgo = state;
    state.network.on("doubleClick", function (params) {
      if (!params.nodes.length) { return; }
      var node = state.nodes.get(params.nodes[0]);
      if (node && node.url) { window.location.href = data.root + node.url; }
    });
  }

  initMain();
  initEgo();
}());
