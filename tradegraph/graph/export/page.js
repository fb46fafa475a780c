// The tradegraph page explorer: search, filters, time and confidence sliders, evidence and timeline.
// Every text from the data is shown with textContent; links are made only for http(s) URLs.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var actors = {}, relations = {};
  data.nodes.forEach(function (n) { actors[n.id] = n; });
  data.edges.forEach(function (e) { relations[e.id] = e; });
  var nodes, edges, network;  // made once the sliders' starting state is known
  var container = document.getElementById("graph");
  var state = {relationKinds: {}, actorKinds: {}, day: null, minConfidence: 0, selected: null};
  var page = {state: state, ready: false};
  window.tradegraph = page;

  // -- helpers ------------------------------------------------------------------------------
  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function fold(text) {
    return String(text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }
  function name(id) { return actors[id] ? actors[id].label : id; }
  function isoDay(ms) { return new Date(ms).toISOString().slice(0, 10); }
  function dayMs(iso) { return Date.parse(iso + "T00:00:00Z"); }
  function safeUrl(url) { return typeof url === "string" && /^https?:\/\/[^\s\/]/i.test(url) ? url : null; }
  function actorButton(id) {
    var b = el("button", name(id), {type: "button", "class": "link"});
    b.addEventListener("click", function () { selectActor(id, true); });
    return b;
  }

  // -- filters: the same meaning as --as-of, --kind and --min-confidence ---------------------
  function holdsAsOf(e, day) {
    if (!day) { return true; }
    if (e.validFrom && day < e.validFrom) { return false; }
    if (e.validTo && day >= e.validTo) { return false; }
    return e.evidence.length === 0 || e.evidence.some(function (ev) { return !ev.reported || ev.reported <= day; });
  }
  function edgeShown(e) {
    return state.relationKinds[e.kind] !== false &&
      state.actorKinds[actors[e.from].kind] !== false && state.actorKinds[actors[e.to].kind] !== false &&
      (e.confidence === null || e.confidence + 1e-9 >= state.minConfidence) && holdsAsOf(e, state.day);
  }
  function hiddenFlags() {
    return {
      nodes: data.nodes.map(function (n) { return {id: n.id, hidden: state.actorKinds[n.kind] === false}; }),
      edges: data.edges.map(function (e) { return {id: e.id, hidden: !edgeShown(e)}; })
    };
  }
  function countShown(flags) {
    return flags.filter(function (f) { return !f.hidden; }).length;
  }
  function showSummary(flags) {
    var shownNodes = countShown(flags.nodes), shownEdges = countShown(flags.edges);
    document.getElementById("summary").textContent = shownNodes + " of " + data.nodes.length + " actors · " +
      shownEdges + " of " + data.edges.length + " relations" + (state.day ? " · as of " + state.day : "");
  }
  function applyFilters() {
    var flags = hiddenFlags();
    // Only the items whose visibility changes are updated: vis-network redraws per update.
    nodes.update(flags.nodes.filter(function (f) { return f.hidden !== !!nodes.get(f.id).hidden; }));
    edges.update(flags.edges.filter(function (f) { return f.hidden !== !!edges.get(f.id).hidden; }));
    showSummary(flags);
    if (state.selected && state.selected.type === "actor") { showActor(state.selected.id); }
  }
  page.applyFilters = applyFilters;
  page.visibleEdgeIds = function () {
    return edges.get({filter: function (e) { return !e.hidden; }}).map(function (e) { return e.id; });
  };

  document.querySelectorAll("#legend input[type=checkbox]").forEach(function (box) {
    box.addEventListener("change", function () {
      var target = box.getAttribute("data-group") === "Actors" ? state.actorKinds : state.relationKinds;
      target[box.getAttribute("data-kind")] = box.checked;
      applyFilters();
    });
  });

  var time = document.getElementById("time"), timeLabel = document.getElementById("time-label");
  var first = data.days.min, last = data.days.max;
  if (data.start.day) {
    first = first && first < data.start.day ? first : data.start.day;
    last = last && last > data.start.day ? last : data.start.day;
  }
  var span = first ? Math.round((dayMs(last) - dayMs(first)) / 86400000) : -1;
  time.max = String(span + 1);  // the last position means "any date"
  time.value = data.start.day ? String(Math.round((dayMs(data.start.day) - dayMs(first)) / 86400000)) : time.max;
  time.disabled = span < 0;
  function readTime() {
    var i = Number(time.value);
    state.day = i > span ? null : isoDay(dayMs(first) + i * 86400000);
    timeLabel.textContent = state.day || "any date";
    time.setAttribute("aria-valuetext", state.day || "any date");
  }
  time.addEventListener("input", function () { readTime(); applyFilters(); });
  page.setDay = function (iso) {
    time.value = iso ? String(Math.round((dayMs(iso) - dayMs(first)) / 86400000)) : time.max;
    readTime();
    applyFilters();
  };

  var confidence = document.getElementById("confidence"), confidenceLabel = document.getElementById("confidence-label");
  confidence.value = String(Math.round((data.start.confidence || 0) * 100));
  function readConfidence() {
    state.minConfidence = Number(confidence.value) / 100;
    confidenceLabel.textContent = state.minConfidence.toFixed(2);
  }
  confidence.addEventListener("input", function () { readConfidence(); applyFilters(); });

  // -- search: names and aliases, accents and case ignored -----------------------------------
  var search = document.getElementById("search"), results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  function matches(query) {
    var q = fold(query), found = [];
    if (!q) { return found; }
    data.nodes.forEach(function (n) {
      var names = [n.label].concat(n.aliases || [], [n.id]);
      var best = null;
      names.forEach(function (text, i) {
        var f = fold(text), rank = f === q ? 0 : f.indexOf(q) === 0 ? 1 : f.indexOf(q) > 0 ? 2 : -1;
        if (rank >= 0 && (best === null || rank < best.rank)) { best = {rank: rank, via: i === 0 ? null : text}; }
      });
      if (best) { found.push({id: n.id, rank: best.rank, via: best.via}); }
    });
    return found.sort(function (a, b) { return a.rank - b.rank || name(a.id).localeCompare(name(b.id)); });
  }
  function showMatches() {
    var found = matches(search.value);
    clear(results);
    found.slice(0, 12).forEach(function (m) {
      var item = el("li"), b = actorButton(m.id);
      if (m.via && m.via !== m.id) { b.appendChild(document.createTextNode(" (" + m.via + ")")); }
      item.appendChild(b);
      results.appendChild(item);
    });
    status.textContent = search.value ? found.length + " found" : "";
    return found;
  }
  search.addEventListener("input", showMatches);
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var found = showMatches();
      if (found.length) { selectActor(found[0].id, true); }
      event.preventDefault();
    }
  });
  page.search = function (text) {
    search.value = text;
    var found = showMatches();
    if (found.length) { selectActor(found[0].id, true); }
    return found.map(function (m) { return m.id; });
  };

  // -- panels --------------------------------------------------------------------------------
  var actorPanel = document.getElementById("actor"), evidencePanel = document.getElementById("evidence");
  var timelinePanel = document.getElementById("timeline");

  function selectActor(id, focus) {
    state.selected = {type: "actor", id: id};
    network.selectNodes([id]);
    if (focus) { network.focus(id, {scale: Math.max(network.getScale(), 1.1), animation: false}); }
    clear(evidencePanel);
    showActor(id);
    showTimeline(id);
  }
  page.selectActor = selectActor;

  function showActor(id) {
    var a = actors[id];
    clear(actorPanel);
    actorPanel.appendChild(el("h2", a.label));
    actorPanel.appendChild(el("div", a.kind + " · " + a.id, {"class": "meta"}));
    if (a.aliases.length) { actorPanel.appendChild(el("div", "Also: " + a.aliases.join("; "), {"class": "meta"})); }
    if (a.roles.length) { actorPanel.appendChild(el("div", "Roles: " + a.roles.join("; "), {"class": "meta"})); }
    if (a.affiliation) { actorPanel.appendChild(el("div", "Acts for: " + a.affiliation, {"class": "meta"})); }
    var list = el("ul");
    data.edges.forEach(function (e) {
      if ((e.from === id || e.to === id) && edgeShown(e)) {
        var item = el("li"), b = el("button", e.kind + " " + name(e.from === id ? e.to : e.from),
                                    {type: "button", "class": "link"});
        b.addEventListener("click", function () { selectEdge(e.id); });
        item.appendChild(b);
        list.appendChild(item);
      }
    });
    actorPanel.appendChild(el("h2", "Relations shown"));
    actorPanel.appendChild(list.childNodes.length ? list : el("p", "none under the filters", {"class": "hint"}));
  }

  function selectEdge(id) {
    var e = relations[id];
    state.selected = {type: "edge", id: id};
    network.selectEdges([id]);
    clear(evidencePanel);
    evidencePanel.appendChild(el("h2", "Evidence"));
    evidencePanel.appendChild(el("p", name(e.from) + " " + e.kind + " " + name(e.to)));
    var facts = [];
    if (e.role) { facts.push("Role: " + e.role); }
    if (e.validFrom || e.validTo) { facts.push("Valid: " + (e.validFrom || "…") + " to " + (e.validTo || "…")); }
    facts.push("Support: " + e.support + " article(s)" + (e.confidence === null ? "" : ", confidence " + e.confidence.toFixed(2)));
    facts.forEach(function (f) { evidencePanel.appendChild(el("div", f, {"class": "meta"})); });
    var list = el("ol");
    e.evidence.forEach(function (ev) {
      var item = el("li");
      item.appendChild(el("blockquote", ev.sentence, {"class": "sentence"}));
      var meta = el("div", [ev.date, ev.source].filter(Boolean).join(" · "), {"class": "meta"});
      var url = safeUrl(ev.url);
      if (url) {
        meta.appendChild(document.createTextNode(" · "));
        meta.appendChild(el("a", url, {href: url, rel: "noopener noreferrer", target: "_blank"}));
      }
      item.appendChild(meta);
      list.appendChild(item);
    });
    evidencePanel.appendChild(list);
  }
  page.selectEdge = selectEdge;

  function tenureLine(t, focus) {
    var line = el("li");
    var who = t.person === focus ? t.bodyName : t.personName;
    line.appendChild(actorButton(t.person === focus ? t.body : t.person));
    line.appendChild(document.createTextNode((t.role ? " — " + t.role : "") + ": " + (t.start || "?") + " to " +
      (t.end || (t.ended ? "?" : "now")) + (t.inferred ? " (inferred from a replacement)" : "")));
    if (t.predecessor) { line.appendChild(document.createTextNode(" · after ")); line.appendChild(actorButton(t.predecessor)); }
    if (t.successor) { line.appendChild(document.createTextNode(" · before ")); line.appendChild(actorButton(t.successor)); }
    line.setAttribute("data-who", who || "");
    return line;
  }
  function showTimeline(id) {
    clear(timelinePanel);
    var own = data.tenures.filter(function (t) { return t.person === id; });
    var held = data.tenures.filter(function (t) { return t.body === id; });
    if (!own.length && !held.length) { return; }
    timelinePanel.appendChild(el("h2", "Timeline"));
    [[own, "Offices held"], [held, "Who held offices for " + name(id)]].forEach(function (group) {
      if (!group[0].length) { return; }
      timelinePanel.appendChild(el("div", group[1], {"class": "meta"}));
      var list = el("ol");
      group[0].forEach(function (t) { list.appendChild(tenureLine(t, id)); });
      timelinePanel.appendChild(list);
    });
  }

  // -- keyboard ------------------------------------------------------------------------------
  document.addEventListener("keydown", function (event) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement && document.activeElement.tagName);
    if (event.key === "/" && !typing) { search.focus(); event.preventDefault(); }
    if (event.key === "Escape") {
      network.unselectAll();
      state.selected = null;
      clear(evidencePanel);
      clear(timelinePanel);
      if (typing) { search.blur(); }
    }
  });

  readTime();
  readConfidence();
  var flags = hiddenFlags();
  nodes = new vis.DataSet(data.nodes.map(function (n, i) { return Object.assign(n, flags.nodes[i]); }));
  edges = new vis.DataSet(data.edges.map(function (e, i) { return Object.assign(e, flags.edges[i]); }));
  showSummary(flags);
  network = new vis.Network(container, {nodes: nodes, edges: edges}, data.options);
  page.network = network;
  page.nodes = nodes;
  page.edges = edges;
  network.on("click", function (params) {
    if (params.nodes.length) { selectActor(params.nodes[0], false); }
    else if (params.edges.length) { selectEdge(params.edges[0]); }
  });
  network.once("afterDrawing", function () { page.ready = true; });
  network.fit({animation: false});
})();
