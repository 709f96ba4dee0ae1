// sayso dashboard behaviour. Data comes from <script type="application/json"> blocks that the
// server wrote with Jinja's tojson; every untrusted string reaches the page via textContent.
"use strict";

(function () {
  const COLORS = { conflict: "#c2410c", cooperation: "#0f766e", unclassified: "#94a3b8" };

  function readJSON(id) {
    const el = document.getElementById(id);
    if (!el) return null;
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }

  function missing(container, what) {
    const p = document.createElement("p");
    p.className = "chart-missing";
    p.textContent = what + " needs the browser libraries (run `npm ci` in the sayso checkout); the tables on this page hold the same numbers.";
    container.replaceChildren(p);
  }

  // The filter bar's view a chart or graph was drawn with (URL parameters), if any.
  function viewOf(el) {
    try { return JSON.parse(el.dataset.view || "{}"); } catch (e) { return {}; }
  }

  // Load server-rendered (escaped) evidence HTML into #evidence, or go to the evidence page.
  function showEvidence(params) {
    const url = "/evidence?" + new URLSearchParams(params).toString();
    if (window.htmx) {
      window.htmx.ajax("GET", url, { target: "#evidence", swap: "innerHTML" });
    } else {
      window.location.href = url;
    }
  }

  // ---- article page: click a highlight, see its records ----------------------------------
  function showRecords(mark) {
    const records = readJSON("records") || {};
    const box = document.getElementById("record");
    if (!box) return;
    document.querySelectorAll("mark.hl.active").forEach((m) => m.classList.remove("active"));
    mark.classList.add("active");
    const parts = [];
    for (const id of (mark.dataset.recs || "").split(" ")) {
      const rec = records[id];
      if (!rec) continue;
      const div = document.createElement("div");
      div.className = "rec";
      div.dataset.recordId = id;
      const dl = document.createElement("dl");
      for (const [key, value] of Object.entries(rec)) {
        if (value === null || value === undefined || value === "") continue;
        const dt = document.createElement("dt");
        dt.textContent = key;
        const dd = document.createElement("dd");
        dd.textContent = String(value);
        dl.append(dt, dd);
      }
      div.append(dl);
      parts.push(div);
    }
    box.replaceChildren(...parts);
  }

  document.addEventListener("click", (event) => {
    const mark = event.target.closest && event.target.closest("mark.hl[data-recs]");
    if (mark) showRecords(mark);
  });
  document.addEventListener("keydown", (event) => {
    const mark = event.target.closest && event.target.closest("mark.hl[data-recs]");
    if (mark && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); showRecords(mark); }
  });

  // ---- charts ------------------------------------------------------------------------------
  function dyadChart(canvas) {
    const periods = readJSON(canvas.dataset.source) || [];
    const labels = periods.map((p) => p.period || "undated");
    const datasets = ["conflict", "cooperation", "unclassified"].map((cls) => ({
      label: cls, data: periods.map((p) => p[cls]), backgroundColor: COLORS[cls], stack: "s",
    }));
    return new window.Chart(canvas, {
      type: "bar",
      data: { labels, datasets },
      options: {
        maintainAspectRatio: false, animation: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        onClick: (_evt, elements) => {
          if (!elements.length) return;
          const el = elements[0];
          showEvidence({
            ...viewOf(canvas),
            source: canvas.dataset.dyadSource, target: canvas.dataset.dyadTarget,
            interval: canvas.dataset.interval, period: periods[el.index].period || "",
            class: datasets[el.datasetIndex].label,
          });
        },
      },
    });
  }

  function actorChart(canvas) {
    const rows = readJSON(canvas.dataset.source) || [];
    const series = [["said", "#2456d6"], ["did", COLORS.conflict], ["received", COLORS.cooperation]];
    return new window.Chart(canvas, {
      type: "line",
      data: {
        labels: rows.map((r) => r.period || "undated"),
        datasets: series.map(([key, color]) => ({
          label: key, data: rows.map((r) => r[key]), borderColor: color, backgroundColor: color, tension: 0,
        })),
      },
      options: { maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
  }

  function initCharts() {
    document.querySelectorAll("canvas[data-chart]").forEach((canvas) => {
      if (canvas.dataset.ready) return;
      if (!window.Chart) { missing(canvas.parentElement, "The chart"); return; }
      canvas.dataset.ready = "1";
      const chart = canvas.dataset.chart === "dyad" ? dyadChart(canvas) : actorChart(canvas);
      window.saysoCharts = window.saysoCharts || {};
      window.saysoCharts[canvas.id] = chart;
    });
  }

  // ---- network -----------------------------------------------------------------------------
  function initNetwork() {
    const box = document.getElementById("network");
    if (!box || box.dataset.ready) return;
    if (!window.cytoscape) { missing(box, "The network graph"); return; }
    box.dataset.ready = "1";
    const graph = readJSON(box.dataset.source) || { nodes: [], edges: [] };
    const max = Math.max(1, ...graph.edges.map((e) => e.count));
    const nodeMax = Math.max(1, ...graph.nodes.map((n) => n.count));
    const elements = graph.nodes.map((n) => ({ data: { id: "n:" + n.id, label: n.label, code: n.id, count: n.count } }));
    graph.edges.forEach((e, i) => elements.push({ data: {
      id: "e" + i, source: "n:" + e.source, target: "n:" + e.target, type: e.type,
      count: e.count, rawSource: e.source, rawTarget: e.target,
      width: 1 + 7 * e.count / max, color: e.conflict * 2 > e.count ? COLORS.conflict : COLORS.cooperation,
    } }));
    const cy = window.cytoscape({
      container: box, elements, wheelSensitivity: 0.3, maxZoom: 1.4, minZoom: 0.2,
      layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: () => 9000 },
      style: [
        { selector: "node", style: { label: "data(label)", "background-color": "#2456d6", color: "#111827",
          "font-size": 13, "font-weight": 600, "text-valign": "bottom", "text-margin-y": 4,
          "text-outline-color": "#fbfcfd", "text-outline-width": 3,
          width: "mapData(count, 1, " + nodeMax + ", 16, 56)", height: "mapData(count, 1, " + nodeMax + ", 16, 56)" } },
        { selector: "edge", style: { width: "data(width)", "line-color": "data(color)", "target-arrow-color": "data(color)",
          "target-arrow-shape": "triangle", "curve-style": "bezier", opacity: 0.7,
          // Type names on every edge would bury the labels of a large graph.
          label: graph.edges.length <= 25 ? "data(type)" : "", "font-size": 9,
          color: "#4b5563", "text-rotation": "autorotate", "text-outline-color": "#fbfcfd", "text-outline-width": 2 } },
        { selector: "edge:selected", style: { opacity: 1, "line-color": "#111827", "target-arrow-color": "#111827" } },
      ],
    });
    cy.on("tap", "edge", (evt) => {
      const d = evt.target.data();
      showEvidence({ ...viewOf(box), source: d.rawSource, target: d.rawTarget, type: d.type });
    });
    cy.on("tap", "node", (evt) => {
      const code = evt.target.data("code").split("/")[0];
      window.location.href = "/actor?" + new URLSearchParams({ ...viewOf(box), actor: code }).toString();
    });
    window.saysoNetwork = cy;
  }

  // ---- filter bar: completions for actor boxes, clean shareable URLs ------------------------
  function suggestInto(input) {
    const list = document.getElementById(input.dataset.suggest);
    const text = input.value.trim();
    if (!list || text.length < 2 || text === input.dataset.asked) return;
    input.dataset.asked = text;
    const kind = input.dataset.countriesOnly ? "country" : input.dataset.namesOnly ? "name" : "any";
    fetch("/api/suggest?" + new URLSearchParams({ q: text, kind }).toString())
      .then((r) => (r.ok ? r.json() : { items: [] }))
      .then((data) => {
        const options = (data.items || []).map((item) => {
          const option = document.createElement("option");
          option.value = item.value;
          option.label = item.label ? item.value + " — " + item.label : item.value;
          return option;
        });
        list.replaceChildren(...options);
      })
      .catch(() => {});
  }

  function initSuggest() {
    document.querySelectorAll("input[data-suggest]").forEach((input) => {
      if (input.dataset.ready) return;
      input.dataset.ready = "1";
      let timer = null;
      input.addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(() => suggestInto(input), 150);
      });
    });
  }

  // Empty fields stay out of the URL, so a shared link reads as what was asked.
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== "get") return;
    for (const el of form.elements) {
      if (el.name && !el.value && (el.tagName === "INPUT" || el.tagName === "SELECT")) el.disabled = true;
    }
    setTimeout(() => { for (const el of form.elements) el.disabled = false; }, 0);
  });

  // A date preset fills the bar's dates and sends the bar, so what was typed goes along.
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest(".presets a[data-from]");
    const form = link && link.closest("form");
    if (!form || !form.requestSubmit) return;
    event.preventDefault();
    form.elements.date_from.value = link.dataset.from;
    form.elements.date_to.value = link.dataset.to;
    form.requestSubmit();
  });

  // /article/ID#rec=RECORD opens the article at that statement or event, its record shown.
  function focusRecord() {
    const match = window.location.hash.match(/^#rec=(.+)$/);
    if (!match) return;
    const id = decodeURIComponent(match[1]);
    const mark = Array.from(document.querySelectorAll("mark.hl[data-recs]"))
      .find((m) => m.dataset.recs.split(" ").includes(id));
    if (!mark) return;
    mark.scrollIntoView({ block: "center" });
    showRecords(mark);
    mark.focus({ preventScroll: true });
  }

  function init() { initCharts(); initNetwork(); initSuggest(); }
  document.addEventListener("DOMContentLoaded", focusRecord);
  window.addEventListener("hashchange", focusRecord);
  document.addEventListener("DOMContentLoaded", init);
  document.addEventListener("htmx:afterSettle", init);
})();
