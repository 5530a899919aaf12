/* Expands the server's small per-date frames into the map, legend, labels and event list.
   The twin of dashboard/map_frames.py:frame_updates; the static key arrives once with the page. */
(function () {
  "use strict";

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

  function frameUpdates(frame, key) {
    const t = key.traces, ev = key.events, updates = {};
    updates[t.zones] = { z: frame.z };
    updates[t.front] = join(key.edges.lon, key.edges.lat, frame.front);
    updates[t.changed] = frame.changed;
    updates[t.changed_places] = frame.moved;
    updates[t.presence] = {
      lon: pick(ev.lon, frame.presence),
      lat: pick(ev.lat, frame.presence),
      hovertext: frame.presence.map(function (r) { return ev.actor[r] + ": " + ev.hover[r]; }),
    };
    key.event_types.forEach(function (kind, offset) {
      const rows = frame.events.filter(function (r) { return ev.kind[r] === kind && ev.lon[r] !== null; });
      const update = {
        lon: pick(ev.lon, rows), lat: pick(ev.lat, rows),
        hovertext: pick(ev.hover, rows), customdata: pick(ev.id, rows),
      };
      if (kind === "control_change") { update["marker.color"] = pick(ev.colour, rows); }
      updates[t.events + offset] = update;
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

  function legend(frame, key, lang) {
    const rows = key.factions.map(function (f, i) {
      const held = frame.held[i] || [0, 0];
      return el("Tr", {}, [
        el("Td", {}, swatch(f.colour)),
        el("Td", {}, lang === "ar" ? f.name_ar : f.name),
        el("Td", { className: "num" }, held[0].toLocaleString("en") + " km²"),
        el("Td", { className: "num", title: "localities" }, String(held[1])),
      ]);
    });
    const head = el("Tr", {}, [el("Th", {}, ""), el("Th", {}, "Faction"), el("Th", {}, "Area"), el("Th", {}, "Loc.")]);
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
  const TICK_SLACK_MS = 12; /* half the play clock's poll (layout.py _TICK_MS) */

  function eventList(frame, key, windowDays) {
    const ev = key.events;
    const rows = frame.events.slice(0, MAX_EVENTS);
    if (!rows.length) {
      return el("P", { className: "muted" }, "No events within " + windowDays + " days.");
    }
    return el("Ol", { className: "events" }, rows.map(function (r) {
      return el("Li", { className: "event" }, [
        el("Span", { className: "when" }, ev.date[r]),
        el("Span", { className: "kind" }, ev.kind[r].replace("_", " ")),
        el("B", {}, ev.place[r]),
        el("Span", { className: "actor" }, ev.actor[r] ? " · " + ev.actor[r] : ""),
        el("Div", { className: "what" }, ev.description[r]),
        source(ev, r),
        ev.layer ? el("Span", { className: "layer", title: "data layer" }, " · " + ev.layer[r]) : "",
      ]);
    }));
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
    return patch.build();
  }

  function trendPatch(frame) {
    const patch = new window.dash_clientside.Patch();
    patch.assign(["layout", "shapes", 0, "x0"], frame.date);
    patch.assign(["layout", "shapes", 0, "x1"], frame.date);
    return patch.build();
  }

  /* window.syriaKey, the static key, comes with the page (see dashboard/app.py). */

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    syria: {
      renderFrame: function (frame, figure, trend, lang) {
        const noUpdate = window.dash_clientside.no_update;
        const key = window.syriaKey;
        if (!frame || !key) { return Array(9).fill(noUpdate); }
        return [
          figure ? mapPatch(frame, key) : noUpdate,
          frame.label,
          frame.date,
          legend(frame, key, lang),
          trend ? trendPatch(frame) : noUpdate,
          frame.query,
          frame.summary,
          frame.why,
          eventList(frame, key, frame.window),
        ];
      },
      /* Play: step the slider, but only once the map shows the current date, and no sooner
         than `every` ms after the last step, so playing never falls behind the drawing. */
      tick: function (n, day, step, last, shown, every) {
        const noUpdate = window.dash_clientside.no_update;
        const key = window.syriaKey;
        if (!key) { return noUpdate; }
        const now = performance.now();
        const expected = new Date(Date.parse(key.start) + day * 86400000).toISOString().slice(0, 10);
        const interval = Number(every);
        /* Steps keep to a schedule (a late step makes the next one due sooner), but the
           schedule restarts rather than bursting after a pause or a slow stretch. */
        let due = window.syriaDue || 0;
        if (now - due > 2 * interval) { due = now; }
        if (shown !== expected || now < due - TICK_SLACK_MS || day >= last) {
          window.syriaDue = due;
          return noUpdate;
        }
        window.syriaDue = due + interval;
        return Math.min(day + parseInt(step || "1", 10), last);
      },
    },
  });
})();
