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

  function pick(values, rows) {
    return rows.map(function (r) { return values[r]; });
  }

  /* Data text as text in plotly's hover (the twin of figures/wording.py:plain). */
  function plain(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function frameUpdates(frame, key) {
    const t = key.traces, ev = key.events, updates = {};
    updates[t.zones] = { z: frame.z };
    updates[t.front] = join(key.edges.lon, key.edges.lat, frame.front);
    updates[t.changed] = frame.changed;
    updates[t.changed_places] = frame.moved;
    updates[t.presence] = {
      lon: pick(ev.lon, frame.presence),
      lat: pick(ev.lat, frame.presence),
      hovertext: frame.presence.map(function (r) { return plain(ev.actor[r]) + ": " + ev.hover[r]; }),
      "marker.color": frame.presence.map(function (r) { return key.presence_colours[ev.group[r]]; }),
    };
    key.event_types.forEach(function (kind, offset) {
      const rows = frame.events.filter(function (r) { return ev.kind[r] === kind && ev.lon[r] !== null; });
      const update = {
        lon: pick(ev.lon, rows), lat: pick(ev.lat, rows),
        hovertext: pick(ev.hover, rows),
        customdata: rows.map(function (r) { return [ev.id[r], ev.title[r], ev.where[r], ev.who[r]]; }),
      };
      if (kind === "control_change") { update["marker.color"] = pick(ev.colour, rows); }
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
      const inferred = held[2] ? " (" + held[2].toLocaleString("en") + " " + say("inferred") + ")" : "";
      return el("Tr", {}, [
        el("Td", {}, swatch(f.colour)),
        el("Td", {}, lang === "ar" ? f.name_ar : f.name),
        el("Td", { className: "num", title: "km², of which inferred" },
          held[0].toLocaleString("en") + " km²" + inferred),
        el("Td", { className: "num", title: "localities" }, String(held[1])),
      ]);
    });
    const head = el("Tr", {}, [el("Th", {}, ""), el("Th", {}, say("faction")), el("Th", {}, say("area")), el("Th", {}, say("localities_short"))]);
    return el("Table", { className: "legend-table" }, [el("Thead", {}, head), el("Tbody", {}, rows)]);
  }

  function source(ev, r) {
    const title = ev.source_title[r] || "source";
    const label = title + (ev.source_publisher[r] ? " (" + ev.source_publisher[r] + ")" : "");
    const url = ev.source_url[r] || "";
    if (url.startsWith("http://") || url.startsWith("https://")) {
      return el("A", { href: url, target: "_blank", rel: "noopener", className: "source" }, label);
    }
    return el("Span", { className: "source" }, label);
  }

  const MAX_EVENTS = 40;

  function eventItem(ev, r) {
    return el("Li", { className: "event", "data-event": ev.id[r] }, [
      el("Span", { className: "when" }, ev.date[r]),
      el("Span", { className: "kind" }, ev.kind[r].replace("_", " ")),
      el("B", {}, ev.place[r]),
      el("Span", { className: "actor" }, ev.actor[r] ? " · " + ev.actor[r] : ""),
      el("Div", { className: "what" }, ev.description[r]),
      source(ev, r),
      ev.layer ? el("Span", { className: "layer", title: "data layer" }, " · " + ev.layer[r]) : "",
    ]);
  }

  /* Events up to the date, newest first ("40 of 211", a page at a time), then the later ones
     under their own heading: the list may look ahead, the map never does. */
  function eventList(frame, key, windowDays, page) {
    const ev = key.events;
    const shown = Math.min(frame.events.length, MAX_EVENTS * (page || 1));
    const parts = [];
    if (!frame.events.length) {
      parts.push(el("P", { className: "muted" }, say("no_events", { days: windowDays })));
    } else {
      parts.push(el("P", { className: "muted count" },
        say("events_count", { shown: shown, total: frame.events.length, days: windowDays })));
      parts.push(el("Ol", { className: "events" }, frame.events.slice(0, shown).map(function (r) { return eventItem(ev, r); })));
      if (shown < frame.events.length) {
        parts.push(el("Button", { className: "more-events", type: "button" }, say("show_more", { count: Math.min(MAX_EVENTS, frame.events.length - shown) })));
      }
    }
    if (frame.later && frame.later.length) {
      parts.push(el("H4", { className: "after" }, say("after")));
      parts.push(el("Ol", { className: "events later" }, frame.later.slice(0, MAX_EVENTS).map(function (r) { return eventItem(ev, r); })));
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
    return Boolean(rendered.label && node && node.textContent.startsWith(rendered.label));
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
    if (player.wanted && (rendered.date !== player.wanted || !drawn())) { return later(50); }
    const day = dayOf(rendered.date || key.start, key);
    if (day >= player.last) { return stopAtEnd(); }
    const now = performance.now();
    if (now < player.due) { return later(player.due - now); }
    /* Keep to the schedule (a slightly late step makes the next one due sooner), but restart
       it after a pause or a slow stretch rather than bursting to catch up. */
    player.due = now - player.due > player.every ? now + player.every : player.due + player.every;
    player.wanted = isoOf(Math.min(day + player.speed, player.last), key);
    window.dash_clientside.set_props(ids().SLIDER, { value: dayOf(player.wanted, key) });
    later(50);
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
    const ev = window.syriaKey.events, r = ev.id.indexOf(item.getAttribute("data-event"));
    if (r < 0 || ev.lon[r] === null) { return; }
    moveMap(ev.lon[r], ev.lat[r]);
  });

  function moveMap(lon, lat) {
    const gd = document.querySelector("#" + ids().MAP + " .js-plotly-plot");
    if (!gd || !window.Plotly || !isFinite(lon) || !isFinite(lat)) { return; }
    window.Plotly.relayout(gd, {
      "geo.center.lon": lon, "geo.center.lat": lat, "geo.projection.scale": 6,
    });
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    syria: {
      renderFrame: function (frame, figure, lang) {
        const noUpdate = window.dash_clientside.no_update;
        const key = window.syriaKey;
        if (!frame || !key) { return Array(7).fill(noUpdate); }
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
        return [
          figure ? mapPatch(frame, key) : noUpdate,
          frame.label,
          frame.date,
          query,
          unchanged("summary", frame.summary) ? noUpdate : frame.summary,
          unchanged("why", frame.why) ? noUpdate : frame.why,
          embedSnippet(query),
        ];
      },
      /* Too big: say so in the page and send nothing; else hand the server a small request. */
      /* While the slider is dragged, the date label shows the date under the handle. */
      dragLabel: function (day, lang) {
        const key = window.syriaKey;
        if (day === null || day === undefined || !key) { return window.dash_clientside.no_update; }
        const date = new Date(Date.parse(key.start) + day * 86400000);
        return date.toLocaleDateString(lang === "ar" ? "ar-SY" : "en-GB",
          { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
      },
      guardUpload: function (contents, name) {
        const noUpdate = window.dash_clientside.no_update;
        const config = window.syriaConfig;
        if (!contents) { return [noUpdate, noUpdate, noUpdate]; }
        const size = Math.floor((contents.length - contents.indexOf(",") - 1) * 3 / 4);
        if (size > config.uploadLimitBytes) {
          const mb = (size / 1e6).toFixed(1);
          return [config.uploadTooLarge.replace("NAME", name).replace("SIZE", mb), noUpdate, []];
        }
        return ["Checking " + name + "…", { name: name, size: size, at: Date.now() }, []];
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
          return [null, key.name + " is no longer on the server; showing the server's data."];
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
        if (playing) { later(0); } else { clearTimeout(player.timer); }
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
    },
  });
})();
