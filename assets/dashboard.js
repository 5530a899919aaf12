/* Expands the server's small per-date frames into the map, legend, labels and event list.
   The twin of dashboard/figures/frames.py:frame_updates; the static key arrives once with the page. */
(function () {
  /* Component ids come from dashboard/web/ids.py, sent with the page. */
  const ids = () => window.syriaIds;
  "use strict";

  /* The interface's words (dashboard/web/text.py, sent as window.syriaText) in the page's
     language, with their {placeholders} filled in. */
  let language = "en";
  function wordsOf(key) {
    const all = window.syriaText || {};
    return (all[language] || all.en || {})[key];
  }
  function say(key, values) {
    const words = wordsOf(key);
    return String(words === undefined ? key : words).replace(/\{(\w+)\}/g, function (m, name) {
      return values && values[name] !== undefined ? String(values[name]) : m;
    });
  }

  function join(lons, lats, indices) {
    const lon = [], lat = [];
    for (const i of indices) {
      lon.push(...lons[i]);
      lat.push(...lats[i]);
    }
    return { lon: lon, lat: lat };
  }

  /* Data text as text in plotly's hover (the twin of figures/wording.py:plain). */
  function plain(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  /* What the map holds: the date of the last frame shown, its zones, front-line edges and
     event rows. A frame is a delta from the date the browser says it holds (ids().FRAME_BASE;
     figures/frames.py), or in full when it holds nothing of this data and language. */
  let held = { date: null, data: null, z: [], front: new Set(), rows: new Map() };

  /* Row indices of runs [[first, count], ...] (the twin of frames.expand). */
  function unrun(runs) {
    const out = [];
    for (const run of runs || []) {
      for (let i = 0; i < run[1]; i++) { out.push(run[0] + i); }
    }
    return out;
  }

  /* A frame's event rows, by row index (the twin of frames.frame_rows). */
  function decodeRows(encoded, key) {
    const rows = unrun(encoded.i);
    const numbers = new Set(key.row_numbers);
    const out = rows.map(function () { return {}; });
    for (const name of Object.keys(encoded)) {
      if (name === "i" || name === "text") { continue; }
      const values = encoded[name];
      rows.forEach(function (r, n) {
        const value = Array.isArray(values) ? values[n] : values;
        out[n][name] = numbers.has(name) ? value : encoded.text[value];
      });
    }
    return rows.map(function (r, n) { return [r, out[n]]; });
  }

  /* Take a frame into `held`; false when it is a delta from a date the map does not hold
     (an answer overtaken by a later one), which asks for a new frame instead. */
  function hold(frame, key) {
    if (frame.base === null) {
      held = { date: frame.date, data: frame.data, z: frame.z.slice(), front: new Set(frame.front), rows: new Map() };
    } else if (frame.base !== held.date || frame.data !== held.data) {
      return false;
    } else {
      frame.dz[0].forEach(function (atom, n) { held.z[atom] = frame.dz[1][n]; });
      frame.front_drop.forEach(function (e) { held.front.delete(e); });
      frame.front_add.forEach(function (e) { held.front.add(e); });
      unrun(frame.drop).forEach(function (r) { held.rows.delete(r); });
      held.date = frame.date;
    }
    decodeRows(frame.rows, key).forEach(function (pair) { held.rows.set(pair[0], pair[1]); });
    return true;
  }

  /* The frame with its rows and edges written out, as frames.frame_updates reads it. */
  function expanded(frame) {
    return Object.assign({}, frame, {
      z: held.z.slice(),
      front: Array.from(held.front).sort(function (a, b) { return a - b; }),
      events: unrun(frame.events), later: unrun(frame.later), presence: unrun(frame.presence),
    });
  }

  function row(r) { return held.rows.get(r) || {}; }

  function frameUpdates(frame, key) {
    const t = key.traces, updates = {};
    updates[t.zones] = { z: frame.z };
    updates[t.front] = join(key.edges.lon, key.edges.lat, frame.front);
    updates[t.changed] = frame.changed;
    updates[t.changed_places] = frame.moved;
    const present = frame.presence.map(row);
    updates[t.presence] = {
      lon: present.map(function (e) { return e.lon; }),
      lat: present.map(function (e) { return e.lat; }),
      hovertext: present.map(function (e) { return plain(e.actor) + ": " + e.hover; }),
      "marker.color": present.map(function (e) { return key.presence_colours[e.group]; }),
    };
    const shown = frame.events.map(row);
    key.event_types.forEach(function (kind, offset) {
      const rows = shown.filter(function (e) { return e.kind === kind && e.lon !== null; });
      const update = {
        lon: rows.map(function (e) { return e.lon; }), lat: rows.map(function (e) { return e.lat; }),
        hovertext: rows.map(function (e) { return e.hover; }),
        customdata: rows.map(function (e) { return [e.id, e.title, e.where, e.who]; }),
      };
      if (kind === "control_change") { update["marker.color"] = rows.map(function (e) { return e.colour; }); }
      updates[t.events + offset] = update;
    });
    key.factions.forEach(function (f, index) {  /* the legend: only the factions of the date */
      updates[t.legend + index] = { showlegend: frame.shown.indexOf(index) >= 0 };
    });
    key.presence_colours.forEach(function (c, index) {  /* the countries present on the date */
      updates[t.presence_legend + index] = { showlegend: frame.presence_groups.indexOf(index) >= 0 };
    });
    return updates;
  }

  /* While the map plays, each date is drawn straight into plotly's SVG: the zones' fills,
     the front line's path, the event and presence markers and the date. A plotly redraw costs
     60-100 ms however little changed (it redraws the whole geo subplot), which capped play at
     ~5 dates a second. Pausing sends the date through plotly again (hover, legend and all). */
  const symbols = {};  /* per trace: the d and style of its last drawn marker */
  function mapDiv() { return document.querySelector("#" + ids().MAP + " .js-plotly-plot"); }

  function traceGroups(gd, selector) {
    const out = {};
    gd.querySelectorAll(selector).forEach(function (g) {
      const d = g.__data__ && g.__data__[0];
      if (d && d.trace) { out[d.trace.index] = g; }
    });
    return out;
  }

  function svgNode(type, attrs) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", type);
    for (const name of Object.keys(attrs)) { node.setAttribute(name, attrs[name]); }
    return node;
  }

  function linePath(project, lons, lats) {
    let d = "", pen = false;
    for (let i = 0; i < lons.length; i++) {
      const xy = lons[i] === null ? null : project([lons[i], lats[i]]);
      if (!xy || !isFinite(xy[0])) { pen = false; continue; }
      d += (pen ? "L" : "M") + xy[0].toFixed(1) + "," + xy[1].toFixed(1);
      pen = true;
    }
    return d || "M0,0";
  }

  function drawMarkers(group, index, points, project, full) {
    const old = group.querySelectorAll("path.point");
    if (old.length) {
      symbols[index] = { d: old[0].getAttribute("d"), style: old[0].getAttribute("style") || "" };
    }
    const marker = (full && full.marker) || {};
    const r = (Number(marker.size) || 7) / 2;
    const symbol = symbols[index] || {
      d: "M" + r + ",0A" + r + "," + r + " 0 1,1 0,-" + r + "A" + r + "," + r + " 0 0,1 " + r + ",0Z",
      style: "opacity: " + (marker.opacity || 1) + "; stroke: rgb(17, 17, 17); stroke-width: 1px;",
    };
    let parent = old.length ? old[0].parentNode : group.querySelector("g.points");
    if (!parent) { parent = group.appendChild(svgNode("g", { class: "points" })); }
    old.forEach(function (node) { node.remove(); });
    for (const point of points) {
      if (point.lon === null || point.lat === null) { continue; }  /* as plotly: not drawn */
      const xy = project([point.lon, point.lat]);
      if (!xy || !isFinite(xy[0])) { continue; }
      const fill = point.colour || (typeof marker.color === "string" ? marker.color : "#555555");
      parent.appendChild(svgNode("path", {
        class: "point", d: symbol.d, transform: "translate(" + xy[0] + "," + xy[1] + ")",
        style: symbol.style.replace(/(^|;)\s*(fill|display):[^;]*/g, "$1") + " fill: " + fill + ";" +
          (project.isLonLatOverEdges && project.isLonLatOverEdges([point.lon, point.lat]) ? " display: none;" : ""),
      }));
    }
  }

  /* The frame drawn without plotly; false (draw it through plotly) when it cannot be. */
  function fastDraw(frame, key) {
    const gd = mapDiv();
    const sub = gd && gd._fullLayout && gd._fullLayout.geo && gd._fullLayout.geo._subplot;
    if (!sub || !sub.projection || frame.changed.lon.length || frame.moved.lon.length) { return false; }
    const t = key.traces, project = sub.projection;
    const areas = traceGroups(gd, ".choroplethlayer g.trace");
    if (areas[t.zones]) {
      areas[t.zones].querySelectorAll("path").forEach(function (path) {
        const d = path.__data__;
        const z = d ? frame.z[Number(d.loc)] : undefined;
        if (z !== undefined && d.z !== z) { d.z = z; path.setAttribute("fill", key.zone_colours[z]); }
      });
    }
    const lines = traceGroups(gd, ".scatterlayer g.trace.scattergeo");
    const front = lines[t.front];
    if (front) {
      let path = front.querySelector("path.js-line");
      if (!path) {
        const line = (gd._fullData[t.front] || {}).line || {};
        path = front.appendChild(svgNode("path", { class: "js-line", fill: "none",
          style: "stroke: " + (line.color || "#000") + "; stroke-width: " + (line.width || 2) + "px;" }));
      }
      const coords = join(key.edges.lon, key.edges.lat, frame.front);
      path.setAttribute("d", linePath(project, coords.lon, coords.lat));
    }
    const shown = frame.events.map(row).filter(function (e) { return e.lon !== null; });
    const markers = {};
    key.event_types.forEach(function (kind, offset) {
      markers[t.events + offset] = shown.filter(function (e) { return e.kind === kind; })
        .map(function (e) {
          return { lon: e.lon, lat: e.lat, colour: kind === "control_change" ? e.colour : null };
        });
    });
    markers[t.presence] = frame.presence.map(row).map(function (e) {
      return { lon: e.lon, lat: e.lat, colour: key.presence_colours[e.group] };
    });
    for (const index of Object.keys(markers)) {
      const visible = (gd.data[index] || {}).visible !== false;  /* plotly hides empty ones */
      /* plotly made no group for a trace drawn empty: this date goes through plotly */
      if (visible && markers[index].length && !lines[index]) { return false; }
    }
    for (const index of Object.keys(markers)) {
      if (lines[index]) { drawMarkers(lines[index], index, markers[index], project, gd._fullData[index]); }
    }
    const title = gd.querySelector(".annotation-text");
    const bold = title && (title.querySelector("tspan") || title);
    if (bold) { bold.textContent = frame.label; }
    return true;
  }

  function el(type, props, children) {
    const all = Object.assign({}, props || {});
    if (children !== undefined) { all.children = children; }
    return { namespace: "dash_html_components", type: type, props: all };
  }

  function swatch(colour) {
    return el("Span", { className: "swatch", style: { background: colour } });
  }

  /* Only the factions that exist on the frame's date (or hold ground on it) get a row. */
  function legend(frame, key, lang) {
    const rows = frame.shown.map(function (i) {
      const f = key.factions[i], held = frame.held[i] || [0, 0, 0];
      /* the inferred part on a line of its own, so the narrow side panel shows every column */
      const inferred = held[2] ? el("Span", { className: "inferred" },
        "(" + held[2].toLocaleString("en") + " " + say("inferred") + ")") : "";
      return el("Tr", {}, [
        el("Td", {}, swatch(f.colour)),
        el("Td", {}, lang === "ar" ? f.name_ar : f.name),
        el("Td", { className: "num", title: say("area_title", { unit: say("km2") }) },
          [held[0].toLocaleString("en") + " " + say("km2"), inferred]),
        el("Td", { className: "num", title: say("localities_title") }, String(held[1])),
      ]);
    });
    const head = el("Tr", {}, [el("Th", {}, ""), el("Th", {}, say("faction")), el("Th", {}, say("area")), el("Th", {}, say("localities_short"))]);
    return el("Table", { className: "legend-table" }, [el("Thead", {}, head), el("Tbody", {}, rows)]);
  }

  function source(e) {
    const title = e.source_title || say("a_source");
    const label = title + (e.source_publisher ? " (" + e.source_publisher + ")" : "");
    const url = e.source_url || "";
    if (url.startsWith("http://") || url.startsWith("https://")) {
      return el("A", { href: url, target: "_blank", rel: "noopener", className: "source" }, label);
    }
    return el("Span", { className: "source" }, label);
  }

  function eventItem(r) {
    const e = row(r);
    return el("Li", { className: "event", "data-event": e.id }, [
      el("Span", { className: "when" }, e.date),
      el("Span", { className: "kind" }, (wordsOf("event_kinds") || {})[e.kind] || (e.kind || "").replace("_", " ")),
      el("B", {}, e.place),
      el("Span", { className: "actor" }, e.actor ? " · " + e.actor : ""),
      el("Div", { className: "what" }, e.description),
      source(e),
      e.layer ? el("Span", { className: "layer", title: say("layer_title") }, " · " + e.layer) : "",
    ]);
  }

  /* Events up to the date, newest first ("40 of 211", a page at a time), then the later ones
     under their own heading: the list may look ahead, the map never does. */
  function eventList(frame, key, windowDays, page) {
    const MAX_EVENTS = key.list_page;
    const shown = Math.min(frame.events.length, MAX_EVENTS * (page || 1));
    const parts = [];
    if (!frame.events.length) {
      parts.push(el("P", { className: "muted" }, say("no_events", { days: windowDays })));
    } else {
      parts.push(el("P", { className: "muted count" },
        say("events_count", { shown: shown, total: frame.events.length, days: windowDays })));
      parts.push(el("Ol", { className: "events" }, frame.events.slice(0, shown).map(eventItem)));
      if (shown < frame.events.length) {
        parts.push(el("Button", { className: "more-events", type: "button" }, say("show_more", { count: Math.min(MAX_EVENTS, frame.events.length - shown) })));
      }
    }
    if (frame.later && frame.later.length) {
      parts.push(el("H4", { className: "after" }, say("after")));
      parts.push(el("Ol", { className: "events later" }, frame.later.slice(0, MAX_EVENTS).map(eventItem)));
    }
    return el("Div", {}, parts);
  }

  /* The legend and the event list are plain DOM, not Dash components: replacing ~150 child
     components on every step made Dash reset each one's state, a full store update apiece. */
  function toDom(spec) {
    if (spec === null || spec === undefined || typeof spec !== "object") {
      return document.createTextNode(spec === null || spec === undefined ? "" : String(spec));
    }
    const node = document.createElement(spec.type.toLowerCase());
    const props = spec.props || {};
    for (const name of Object.keys(props)) {
      const value = props[name];
      if (name === "children") {
        (Array.isArray(value) ? value : [value]).forEach(function (c) { node.appendChild(toDom(c)); });
      } else if (name === "style") {
        Object.assign(node.style, value);
      } else {
        node.setAttribute(name === "className" ? "class" : name, value);
      }
    }
    return node;
  }

  function show(id, spec) {
    const node = document.getElementById(id);
    if (node) { node.replaceChildren(toDom(spec)); }
  }

  function mapPatch(frame, key) {
    const patch = new window.dash_clientside.Patch();
    const updates = frameUpdates(frame, key);
    for (const index of Object.keys(updates)) {
      for (const prop of Object.keys(updates[index])) {
        patch.assign(["data", Number(index)].concat(prop.split(".")), updates[index][prop]);
      }
    }
    patch.assign(["layout", "annotations", 0, "text"], frame.title);
    const fit = legendLayout();
    for (const prop of Object.keys(fit)) { patch.assign(["layout"].concat(prop.split(".")), fit[prop]); }
    return patch.build();
  }

  /* On a narrow screen plotly's legend goes under the map, which takes the whole width;
     on a wide one it stands at the map's right, as the server draws it (figures/layout.py). */
  const NARROW = window.matchMedia("(max-width: 700px)");
  function legendLayout() {
    if (NARROW.matches) {
      return {
        "legend.orientation": "h", "legend.x": 0, "legend.xanchor": "left",
        "legend.y": 0, "legend.yanchor": "top", "legend.font.size": 10, "geo.domain.x": [0, 1],
        "legend.entrywidth": 0.33, "legend.entrywidthmode": "fraction",
      };
    }
    return {
      "legend.orientation": "v", "legend.x": 1, "legend.xanchor": "right",
      "legend.y": 0.5, "legend.yanchor": "middle", "legend.font.size": 11, "geo.domain.x": [0, 0.8],
      "legend.entrywidth": null, "legend.entrywidthmode": null,
    };
  }

  function fitLegend() {
    const gd = document.querySelector("#" + ids().MAP + " .js-plotly-plot");
    const legend = gd && gd._fullLayout && gd._fullLayout.legend;
    if (!legend || !window.Plotly) { return; }
    const fit = legendLayout();
    if (legend.orientation !== fit["legend.orientation"]) { window.Plotly.relayout(gd, fit); }
  }
  NARROW.addEventListener("change", fitLegend);

  /* The iframe that shows the current view on another page (/embed, the same app without
     the page's chrome: app.css). */
  function embedSnippet(query) {
    const src = window.location.origin + window.syriaConfig.embedRoute + query;
    const safe = src.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
    return '<iframe src="' + safe + '" width="800" height="600" style="border:0" ' +
      'title="Syria control map" loading="lazy"></iframe>';
  }

  /* The trend chart's date marker: a line element over the chart, moved on each step and
     after each redraw of the chart. Patching the figure's shape instead made Dash and Plotly
     redraw the whole chart for every date. (The figure's own marker is hidden: app.css.) */
  function markTrend(date) {
    const gd = document.querySelector("#" + ids().TREND + " .js-plotly-plot");
    const layout = gd && gd._fullLayout;
    const box = gd && gd.querySelector(".svg-container");
    if (!layout || !layout.xaxis || !box || !date) { return; }
    if (!gd.syriaMarked) {
      gd.syriaMarked = true;
      gd.on("plotly_afterplot", function () { markTrend(rendered.date); });
    }
    let mark = box.querySelector(".trend-date");
    if (!mark) {
      mark = document.createElement("div");
      mark.className = "trend-date";
      box.appendChild(mark);
    }
    const x = layout.xaxis, y = layout.yaxis;
    Object.assign(mark.style, {
      left: (x._offset + x.d2p(date) - 1) + "px", top: y._offset + "px", height: y._length + "px",
    });
  }

  /* Play runs in the page: a timer steps the slider (dash_clientside.set_props) once the map
     shows the previous date and the chosen rate allows, so it never falls behind the drawing.
     No dcc.Interval polls: each of its ticks costs a full Dash update even when nothing moves. */
  const player = {
    playing: false, speed: 1, every: 0, last: 0, due: 0, wanted: null, timer: null, clicks: 0,
    fast: false, queue: [], asked: false,
  };
  let rendered = { date: null, label: null };
  const sent = {};

  /* True when an output would get the value it already has (each update costs a Dash render). */
  function unchanged(name, value) {
    const text = JSON.stringify(value);
    if (sent[name] === text) { return true; }
    sent[name] = text;
    return false;
  }

  function dayOf(iso, key) { return Math.round((Date.parse(iso) - Date.parse(key.start)) / 86400000); }

  function isoOf(day, key) {
    return new Date(Date.parse(key.start) + day * 86400000).toISOString().slice(0, 10);
  }

  /* The map has drawn the last frame: its date annotation shows the frame's label. */
  function drawn() {
    const node = document.querySelector("#" + ids().MAP + " .annotation-text");
    const shown = node ? node.textContent.replace(/^\u202b/, "") : "";  /* Arabic: embedded RTL */
    return Boolean(rendered.label && node && shown.startsWith(rendered.label));
  }

  function later(ms) {
    clearTimeout(player.timer);
    player.timer = setTimeout(advance, Math.max(0, ms));
  }

  /* Check again as soon as the map has drawn (and every 50 ms, should an event be missed). */
  function watchMap() {
    const gd = document.querySelector("#" + ids().MAP + " .js-plotly-plot");
    if (gd && gd.on && !gd.syriaWatched) {
      gd.syriaWatched = true;
      gd.on("plotly_afterplot", function () { fitLegend(); if (player.playing) { later(0); } });
    }
  }

  /* The map's first drawing may come after the first frame: watch it as soon as it exists. */
  function watchSoon(tries) {
    const gd = document.querySelector("#" + ids().MAP + " .js-plotly-plot");
    if (gd && gd.on) { watchMap(); watchView(); fitLegend(); return; }
    if (tries > 0) { setTimeout(function () { watchSoon(tries - 1); }, 100); }
  }

  function advance() {
    player.timer = null;
    const key = window.syriaKey;
    if (!player.playing || !key) { return; }
    watchMap();
    const now = performance.now();
    if (player.queue.length) {  /* the dates an answer brought ahead, drawn with no request */
      if (now < player.due) { return later(player.due - now); }
      player.due = now - player.due > player.every ? now + player.every : player.due + player.every;
      if (!showAhead(player.queue.shift(), key)) { player.queue = []; }
      if (player.queue.length === 2 && !player.asked) { ask(player.queue[1].date, key); }
      return later(0);
    }
    if (player.wanted && (rendered.date !== player.wanted || !drawn())) { return later(50); }
    const day = dayOf(rendered.date || key.start, key);
    if (day >= player.last) { return stopAtEnd(); }
    if (now < player.due) { return later(player.due - now); }
    /* Keep to the schedule (a slightly late step makes the next one due sooner), but restart
       it after a pause or a slow stretch rather than bursting to catch up. */
    player.due = now - player.due > player.every ? now + player.every : player.due + player.every;
    player.wanted = isoOf(Math.min(day + player.speed, player.last), key);
    if (player.fast && held.date) {
      ask(held.date, key);
    } else {
      window.dash_clientside.set_props(ids().SLIDER, { value: dayOf(player.wanted, key) });
    }
    later(50);
  }

  /* Ask for the date after `from` (a date the map holds, or will once its queue is drawn) and
     the few after it, each a delta from the one before (steps.frame_ahead): play waits for
     the server once every few dates, and asks while the last ones are still being drawn. */
  function ask(from, key) {
    const next = Math.min(dayOf(from, key) + player.speed, player.last);
    if (next <= dayOf(from, key)) { return; }
    const ahead = [];
    for (let d = next + player.speed; d <= player.last && ahead.length < AHEAD; d += player.speed) {
      ahead.push(isoOf(d, key));
    }
    player.asked = true;
    window.dash_clientside.set_props(ids().FRAME_BASE, { data: { date: from, data: held.data, ahead: ahead } });
    window.dash_clientside.set_props(ids().SLIDER, { value: next });
  }

  const AHEAD = 4;  /* steps.MAX_AHEAD */

  function showLabel(text) {
    const label = document.getElementById(ids().DATE_LABEL);
    if (label) { label.textContent = text; }  /* Dash takes the label over on pause */
  }

  /* A frame brought ahead, drawn into the SVG with the legend, list and label; false when it
     cannot be (the map then asks for it through Dash). */
  function showAhead(received, key) {
    if (!hold(received, key)) { return false; }
    const frame = expanded(received);
    rendered = { date: frame.date, label: frame.label };
    player.wanted = frame.date;
    if (!fastDraw(frame, key)) {  /* through plotly: the slider to this date */
      player.asked = false;
      window.dash_clientside.set_props(ids().FRAME_BASE, { data: { date: held.date, data: held.data } });
      window.dash_clientside.set_props(ids().SLIDER, { value: dayOf(frame.date, key) });
      return false;
    }
    markTrend(frame.date);
    show(ids().LEGEND, legend(frame, key, language));
    listed = { frame: frame, page: 1 };
    show(ids().EVENTS, eventList(frame, key, frame.window, 1));
    showLabel(frame.label);
    return true;
  }

  /* At the end of the data play stops, and the button says Play again (the play callback
     below reads its click count: an even count is paused). */
  function stopAtEnd() {
    player.wanted = null;
    window.dash_clientside.set_props(ids().PLAY, { n_clicks: player.clicks + 1 });
  }

  /* The step and speed dropdowns are named by their visible labels (Dash's own
     aria-labelledby names only the chosen value). */
  function labelDropdowns() {
    [[ids().SPEED, ids().SPEED_LABEL], [ids().RATE, ids().RATE_LABEL]].forEach(function (pair) {
      const box = document.getElementById(pair[0]);
      const named = box && (box.getAttribute("aria-labelledby") || "");
      if (box && named.split(" ").indexOf(pair[1]) < 0) {
        box.setAttribute("aria-labelledby", (pair[1] + " " + named).trim());
      }
    });
  }

  /* The shown extent (west, south, east, north) goes into the URL (&view=) and ids().VIEW,
     which the server reads to keep it through a redraw and for "Download map"; null while
     the map shows its own extent (Syria or the focus place). */
  function shownExtent(gd) {
    const full = gd._fullLayout && gd._fullLayout.geo;
    if (!full || !full.lonaxis || !full.lataxis || !full.center) { return null; }
    const lon = full.lonaxis.range, lat = full.lataxis.range, c = full.center;
    const s = (full.projection && full.projection.scale) || 1;
    const moved = Math.abs(s - 1) > 1e-3 || Math.abs(c.lon - (lon[0] + lon[1]) / 2) > 1e-3 ||
      Math.abs(c.lat - (lat[0] + lat[1]) / 2) > 1e-3;
    if (!moved && !(gd._fullLayout.meta || {}).bbox) { return null; }
    /* the ranges shrunk by the zoom about the centre: drawn again as the figure's ranges,
       their midpoint is the centre (plotly's default) and they fit as they did zoomed */
    const halfLon = (lon[1] - lon[0]) / 2 / s, halfLat = (lat[1] - lat[0]) / 2 / s;
    const r = function (v) { return Math.round(v * 1000) / 1000; };
    return [r(c.lon - halfLon), r(c.lat - halfLat), r(c.lon + halfLon), r(c.lat + halfLat)];
  }

  function linkedView() {
    const m = /[?&]view=([^&]*)/.exec(window.location.search);
    const v = m ? decodeURIComponent(m[1]).split(",").map(Number) : [];
    return v.length === 4 && v.every(isFinite) ? v : null;
  }

  const view = { shown: linkedView(), query: null };
  view.text = JSON.stringify(view.shown);

  function withView(query, extent) {
    if (!extent) { return query; }
    return query + (query.indexOf("?") >= 0 ? "&" : "?") + "view=" + extent.join(",");
  }

  function updateView() {
    const gd = document.querySelector("#" + ids().MAP + " .js-plotly-plot");
    if (!gd) { return; }
    const extent = shownExtent(gd), text = JSON.stringify(extent);
    if (text === view.text) { return; }
    Object.assign(view, { shown: extent, text: text });
    window.dash_clientside.set_props(ids().VIEW, { data: extent });
    if (view.query !== null) {
      const query = withView(view.query, extent);
      window.dash_clientside.set_props(ids().URL, { search: query });
      window.dash_clientside.set_props(ids().EMBED_CODE, { value: embedSnippet(query) });
    }
  }

  function watchView() {
    const gd = document.querySelector("#" + ids().MAP + " .js-plotly-plot");
    if (gd && gd.on && !gd.syriaViewWatched) {
      gd.syriaViewWatched = true;
      gd.on("plotly_relayout", updateView);
      gd.on("plotly_afterplot", updateView);
    }
  }

  /* Prev./Next change pressed while a typed date waits in Go to date: keep the box focused
     (its blur would go to the typed date too, and that answer could land after the step)
     and hand the typed text to the step, which starts from it (steps.step_change). */
  document.addEventListener("mousedown", function (e) {
    const box = document.getElementById(ids().DATE_INPUT);
    const step = e.target.closest && e.target.closest("#" + ids().PREV_CHANGE + ", #" + ids().NEXT_CHANGE);
    if (step && box && document.activeElement === box) {
      e.preventDefault();
      window.dash_clientside.set_props(ids().DATE_INPUT, { value: box.value });
    }
  }, true);

  /* "Show more" pages on through the events of the shown date. */
  let listed = { frame: null, page: 1 };
  document.addEventListener("click", function (e) {
    /* On a narrow screen the footer is one line; More opens it (and closes it again). */
    const more = e.target.closest && e.target.closest(".footer-more");
    if (more) {
      const open = more.parentElement.classList.toggle("expanded");
      more.setAttribute("aria-expanded", open ? "true" : "false");
      return;
    }
    /* A locality of the compare summary moves the map to it. */
    const changed = e.target.closest && e.target.closest(".changed-place");
    if (changed) {
      moveMap(Number(changed.getAttribute("data-lon")), Number(changed.getAttribute("data-lat")));
      return;
    }
    if (!e.target.closest || !listed.frame) { return; }
    if (e.target.closest(".more-events")) {
      listed.page += 1;
      show(ids().EVENTS, eventList(listed.frame, window.syriaKey, listed.frame.window, listed.page));
      return;
    }
    /* Clicking an event (not its source link) moves the map to it. */
    const item = e.target.closest("li.event");
    if (!item || e.target.closest("a")) { return; }
    const id = item.getAttribute("data-event");
    for (const e of held.rows.values()) {
      if (e.id === id && e.lon !== null) { moveMap(e.lon, e.lat); return; }
    }
  });

  function moveMap(lon, lat) {
    const gd = document.querySelector("#" + ids().MAP + " .js-plotly-plot");
    if (!gd || !window.Plotly || !isFinite(lon) || !isFinite(lat)) { return; }
    window.Plotly.relayout(gd, {
      "geo.center.lon": lon, "geo.center.lat": lat, "geo.projection.scale": 6,
    });
  }

  /* An upload goes to the server as the file itself (multipart, syriaConfig.uploadRoute):
     dcc.Upload would read it into a base64 prop and send that inside a callback. Too big: say
     so and send nothing. The answer's key goes to ids().UPLOAD_KEY, which loads its data. */
  function sendUpload(file) {
    const config = window.syriaConfig, set = window.dash_clientside.set_props;
    const status = function (line) { set(ids().UPLOAD_STATUS, { children: line }); };
    set(ids().UPLOAD_PROBLEMS, { children: [] });
    if (file.size > config.uploadLimitBytes) {
      const mb = (file.size / 1e6).toFixed(1);
      return status(say("upload_too_large", { name: file.name, size: mb, limit: config.uploadLimitMb }));
    }
    status(say("upload_checking", { name: file.name }));
    const form = new FormData();
    form.append("file", file, file.name);
    const query = "?lang=" + language + "&name=" + encodeURIComponent(file.name);
    fetch(config.uploadRoute + query, { method: "POST", body: form })
      .then(function (response) {
        return response.json().catch(function () { throw new Error(response.status + " " + response.statusText); });
      })
      .then(function (answer) {
        status(answer.message);
        set(ids().UPLOAD_PROBLEMS, { children: answer.panel || [] });
        if (answer.key) { set(ids().UPLOAD_KEY, { data: answer.key }); }
      })
      .catch(function (error) {
        status(say("upload_not_stored", { name: file.name, reason: error.message || String(error) }));
      });
  }

  /* The upload's file input and drop zone are taken here, before React (capture phase on the
     document), so dcc.Upload never reads the file. The file chooser (a click, or Enter on the
     button) is still dcc.Upload's. */
  function inUpload(e) {
    return Boolean(e.target && e.target.closest && e.target.closest("#" + ids().UPLOAD));
  }
  document.addEventListener("change", function (e) {
    const files = e.target.files;
    if (!inUpload(e) || !files || !files.length) { return; }
    e.stopPropagation();
    const file = files[0];
    e.target.value = "";  /* choosing the same file again is a change too */
    sendUpload(file);
  }, true);
  document.addEventListener("drop", function (e) {
    const files = e.dataTransfer && e.dataTransfer.files;
    if (!inUpload(e) || !files || !files.length) { return; }  /* no file: dcc.Upload's own */
    e.preventDefault();
    e.stopPropagation();
    const file = files[0];
    /* a drop of no file ends the zone's dragging look, and reads nothing */
    e.target.dispatchEvent(new DragEvent("drop", { bubbles: true, cancelable: true, dataTransfer: new DataTransfer() }));
    sendUpload(file);
  }, true);

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    syria: {
      renderFrame: function (received, figure, lang) {
        const noUpdate = window.dash_clientside.no_update;
        const key = window.syriaKey;
        if (!received || !key) { return Array(8).fill(noUpdate); }
        if (player.playing && player.queue.length && received.base !== null) {
          /* asked for ahead of time: drawn once the dates before it are */
          player.queue.push(received, ...(received.ahead || []));
          player.asked = false;
          return Array(8).fill(noUpdate);
        }
        if (!hold(received, key)) {  /* overtaken: ask again, from the date the map holds */
          window.dash_clientside.set_props(ids().FRAME_RESYNC, { data: Date.now() });
          return Array(8).fill(noUpdate);
        }
        const frame = expanded(received);
        watchSoon(300);
        language = lang === "ar" ? "ar" : "en";
        rendered = { date: frame.date, label: frame.label };
        markTrend(frame.date);
        labelDropdowns();
        watchView();
        view.query = frame.query;
        show(ids().LEGEND, legend(frame, key, lang));
        listed = { frame: frame, page: 1 };
        show(ids().EVENTS, eventList(frame, key, frame.window, 1));
        const query = withView(frame.query, view.shown);
        const fast = player.playing && figure && fastDraw(frame, key);
        if (fast) {  /* the date box, link and panels follow when play pauses */
          player.fast = true;
          player.queue = (received.ahead || []).slice();
          player.asked = false;
          window.dash_clientside.set_props(ids().FRAME_BASE, { data: { date: held.date, data: held.data } });
          clearTimeout(player.timer);
          player.timer = null;
          queueMicrotask(advance);
          showLabel(frame.label);
          return Array(8).fill(noUpdate);
        }
        return [
          figure ? mapPatch(frame, key) : noUpdate,
          frame.label,
          frame.date,
          query,
          unchanged("summary", frame.summary) ? noUpdate : frame.summary,
          unchanged("why", frame.why) ? noUpdate : frame.why,
          embedSnippet(query),
          { date: held.date, data: held.data },
        ];
      },
      /* While the slider is dragged, the date label shows the date under the handle. */
      dragLabel: function (day, lang) {
        const key = window.syriaKey;
        if (day === null || day === undefined || !key || player.playing) {
          return window.dash_clientside.no_update;  /* playing: the frames set the label */
        }
        const date = new Date(Date.parse(key.start) + day * 86400000);
        /* Arabic with the digits the server's dates use (figures/wording.py:format_date) */
        return date.toLocaleDateString(lang === "ar" ? "ar-SY-u-nu-latn" : "en-GB",
          { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
      },
      /* Fetch the session's map key (window.syriaKey) before the page switches to its data. */
      loadData: async function (key, active) {
        const noUpdate = window.dash_clientside.no_update;
        window.syriaBundledKey = window.syriaBundledKey || window.syriaKey;
        if (!key) {
          if (!active) { return [noUpdate, noUpdate]; }
          window.syriaKey = window.syriaBundledKey;
          return [null, noUpdate];
        }
        const query = "?sha=" + encodeURIComponent(key.sha) + "&name=" + encodeURIComponent(key.name);
        const response = await fetch(window.syriaConfig.sessionKeyRoute + query);
        if (!response.ok) {
          window.syriaKey = window.syriaBundledKey;
          return [null, say("upload_gone", { name: key.name })];
        }
        window.syriaKey = await response.json();
        return [key, noUpdate];
      },
      /* The play button, speed (days a step) and rate (ms a step, 0 = as fast as it draws). */
      play: function (n, speed, every, last, lang) {
        language = lang === "ar" ? "ar" : "en";
        const playing = (n || 0) % 2 === 1;
        Object.assign(player, {
          speed: parseInt(speed || "1", 10), every: Number(every) || 0, last: Number(last) || 0,
          clicks: n || 0,
        });
        if (playing !== player.playing) {
          Object.assign(player, { playing: playing, due: performance.now(), wanted: null });
          const key = window.syriaKey;
          if (playing && key && rendered.date && dayOf(rendered.date, key) >= player.last) {
            /* Play at the end starts again from the beginning. */
            player.wanted = key.start;
            window.dash_clientside.set_props(ids().SLIDER, { value: 0 });
          }
        }
        if (playing) {
          later(0);
        } else {
          clearTimeout(player.timer);
          player.timer = null;
          player.queue = [];
          player.asked = false;
          window.dash_clientside.set_props(ids().FRAME_BASE, { data: { date: held.date, data: held.data } });
          if (player.fast) {  /* paused: the shown date again, through plotly (hover, legend) */
            player.fast = false;
            const key = window.syriaKey;
            if (key && rendered.date) {
              window.dash_clientside.set_props(ids().SLIDER, { value: dayOf(rendered.date, key) });
            }
            window.dash_clientside.set_props(ids().FRAME_RESYNC, { data: Date.now() });
          }
        }
        return [say(playing ? "pause" : "play"), playing ? "true" : "false"];
      },
      /* The language radio: the interface's words, and the page's direction. */
      language: function (lang) {
        language = lang === "ar" ? "ar" : "en";
        document.documentElement.lang = language;
        document.documentElement.dir = language === "ar" ? "rtl" : "ltr";
        const outputs = window.dash_clientside.callback_context.outputs_list[0];
        return [
          outputs.map(function (o) { return say(o.id.key); }),
          say("search_placeholder"),
          wordsOf("layer_options"),
          wordsOf("compare_options"),
          wordsOf("metric_options"),
        ];
      },
      /* The language radio's menus, date hints and the labels only screen readers hear. */
      languageOptions: function (lang) {
        language = lang === "ar" ? "ar" : "en";
        document.querySelectorAll("[data-aria-key]").forEach(function (node) {
          node.setAttribute("aria-label", say(node.getAttribute("data-aria-key")));
        });
        return [
          wordsOf("speed_options"), wordsOf("rate_options"), wordsOf("format_options"),
          say("date_placeholder"), say("date_placeholder"),
          Object.assign({}, window.syriaConfig.graph, { locale: language }),
          Object.assign({}, window.syriaConfig.trend, { locale: language }),
        ];
      },
    },
  });
})();
