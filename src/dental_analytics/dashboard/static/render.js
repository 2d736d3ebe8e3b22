// Drawing a report's pieces: KPI cards, tables with CSV links and info marks, plotly charts.
import { direction, format, formatChange } from "./format.js";

/** An element with attributes and children (strings become text: nothing is parsed as HTML). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** The info mark of a metric or column: its definition and a link to the docs site. */
export function infoMark(label, description, docsUrl) {
  return el(
    "details",
    { class: "info" },
    el("summary", { "aria-label": `What is ${label}?`, title: `What is ${label}?` }, "i"),
    el(
      "div",
      { class: "info-body", role: "note" },
      el("p", {}, description || "No definition recorded."),
      docsUrl ? el("a", { href: docsUrl }, "Where it comes from") : null,
    ),
  );
}

/** What a key value reads as: a provider's or clinic's name rather than its id. */
export function labelFor(column, value, names) {
  if (value === null || value === undefined) return "—";
  if (column === "provider_id" && names.providers.has(value)) return names.providers.get(value);
  if (column === "clinic_id" && names.clinics.has(value)) return names.clinics.get(value);
  return value;
}

// Category codes as a chart shows them: "broken_appointment" -> "Broken appointment",
// "0_to_2_months" -> "0 to 2 months", "ppo" -> "PPO". Tables keep the codes (as their CSV has).
const ACRONYMS = new Map([["ppo", "PPO"], ["hmo", "HMO"], ["chip", "CHIP"], ["va", "VA"], ["ar", "A/R"]]);

export function chartLabel(value) {
  if (typeof value !== "string" || !/^[a-z0-9]+(_[a-z0-9]+)*$/.test(value)) return value;
  const words = value.split("_").map((w) => ACRONYMS.get(w) || w);
  const first = words[0];
  words[0] = first.charAt(0).toUpperCase() + first.slice(1);
  return words.join(" ");
}

/** KPI cards from a one-row table; with `previous` (the same table at an earlier date, named
 * `since`), each card also shows its change. */
export function kpiCards(table, metrics, ctx, previous = null, since = "") {
  const row = table.rows[0] || {};
  const before = previous?.rows?.[0] || null;
  const columns = new Map(table.columns.map((c) => [c.name, c]));
  return el(
    "div",
    { class: "kpis" },
    metrics
      .filter((m) => columns.has(m))
      .map((m) => {
        const column = columns.get(m);
        const value = row[m];
        const prior = before ? before[m] : null;
        const change = typeof value === "number" && typeof prior === "number" ? value - prior : null;
        const share = change !== null && prior && column.unit !== "percent" ? change / prior : null;
        return el(
          "div",
          { class: "kpi", "data-metric": m, "data-value": value ?? "", "data-previous": before ? prior ?? "" : null },
          el("div", { class: "kpi-label" }, column.label, infoMark(column.label, column.description, ctx.docsUrl(m))),
          el("div", { class: "kpi-value" }, format(value, column.unit, true)),
          before
            ? el("div", { class: `change ${direction(change)}` }, formatChange(change, share, column.unit), ` since ${since}`)
            : null,
        );
      }),
  );
}

const WINDOWS = [["today", "Today"], ["month_to_date", "Month to date"], ["year_to_date", "Year to date"]];

/** The Dashboard's headline: one card per metric, today, MTD and YTD, each with its change. */
export function headlineCards(table, ctx) {
  const byMetric = new Map();
  for (const row of table.rows) {
    if (!byMetric.has(row.metric)) byMetric.set(row.metric, new Map());
    byMetric.get(row.metric).set(row.window, row);
  }
  return el(
    "div",
    { class: "kpis headline" },
    [...byMetric].map(([metric, windows]) => {
      const label = ctx.metricLabel(metric);
      return el(
        "div",
        { class: "kpi", "data-metric": metric },
        el("div", { class: "kpi-label" }, label, infoMark(label, ctx.metricDescription(metric), ctx.docsUrl(metric))),
        el(
          "dl",
          {},
          WINDOWS.filter(([w]) => windows.has(w)).map(([w, name]) => {
            const row = windows.get(w);
            return el(
              "div",
              { class: "kpi-window", "data-window": w, "data-value": row.value ?? "" },
              el("dt", {}, name),
              el("dd", { class: "kpi-value" }, format(row.value, row.unit, true)),
              el(
                "dd",
                { class: `change ${direction(row.change)}`, title: `against ${row.previous_start} – ${row.previous_end}` },
                formatChange(row.change, row.change_share, row.unit),
                el("span", { class: "sr-only" }, ` against ${row.previous_start} to ${row.previous_end}`),
              ),
            );
          }),
        ),
      );
    }),
  );
}

export function dataTable(name, table, title, ctx) {
  const head = el(
    "tr",
    {},
    table.columns.map((c) =>
      el(
        "th",
        { scope: "col", class: numeric(c.unit) ? "num" : null, "data-column": c.name },
        c.label,
        infoMark(c.label, c.description, ctx.docsUrl(c.name)),
      ),
    ),
  );
  const body = table.rows.map((row) =>
    el(
      "tr",
      {},
      table.columns.map((c) =>
        el(
          "td",
          { class: numeric(c.unit) ? "num" : null, "data-raw": row[c.name] ?? "" },
          c.unit === "id" ? labelFor(c.name, row[c.name], ctx.names) : format(row[c.name], c.unit),
        ),
      ),
    ),
  );
  return el(
    "div",
    { class: "table-wrap", tabindex: "0", role: "region", "aria-label": `${title}: table` },
    el("table", { "data-table": name }, el("caption", {}, table.description), el("thead", {}, head), el("tbody", {}, body)),
  );
}

function numeric(unit) {
  return !["id", "text", "date", "flag"].includes(unit);
}

// Okabe-Ito: told apart by people with any common colour-vision deficiency; lines also differ
// by dash and marker, so colour is never the only signal.
const COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"];
const DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"];
const SYMBOLS = ["circle", "square", "diamond", "triangle-up", "x", "cross"];
const PATTERNS = ["", "/", ".", "x", "-", "|", "+", "\\"];

/** The traces and axis unit of one chart spec over a table, or null when nothing to draw. */
export function traces(spec, table, ctx) {
  const columns = new Map(table.columns.map((c) => [c.name, c]));
  if (spec.columns) {
    const shown = spec.columns.filter((m) => columns.has(m));
    const row = table.rows[0];
    if (!row || shown.length === 0) return null;
    return {
      unit: columns.get(shown[0]).unit,
      data: [{
        type: "bar",
        x: shown.map((m) => columns.get(m).label),
        y: shown.map((m) => row[m]),
        marker: { color: shown.map((_, i) => COLOURS[i % COLOURS.length]), pattern: { shape: shown.map((_, i) => PATTERNS[i % PATTERNS.length]) } },
        hovertemplate: "%{x}: %{y}<extra></extra>",
      }],
    };
  }
  const ys = spec.y.filter((m) => columns.has(m));
  if (ys.length === 0 || table.rows.length === 0) return null;
  const xLabel = (row) => String(chartLabel(labelFor(spec.x, row[spec.x], ctx.names)));
  let series;
  if (spec.group) {
    const groups = [...new Set(table.rows.map((r) => r[spec.group] ?? "unknown"))];
    series = groups.map((g) => {
      const rows = table.rows.filter((r) => (r[spec.group] ?? "unknown") === g);
      return { name: String(chartLabel(g)), x: rows.map(xLabel), y: rows.map((r) => r[ys[0]]) };
    });
  } else {
    series = ys.map((m) => ({ name: columns.get(m).label, x: table.rows.map(xLabel), y: table.rows.map((r) => r[m]) }));
  }
  const data = series.map((s, i) =>
    spec.type === "line"
      ? { ...s, type: "scatter", mode: "lines+markers", line: { color: COLOURS[i % COLOURS.length], dash: DASHES[i % DASHES.length] }, marker: { symbol: SYMBOLS[i % SYMBOLS.length] } }
      : { ...s, type: "bar", marker: { color: COLOURS[i % COLOURS.length], pattern: { shape: PATTERNS[i % PATTERNS.length] } } },
  );
  const single = spec.group || ys.length === 1 ? columns.get(ys[0]).label : null;
  return { unit: columns.get(ys[0]).unit, data, yTitle: single };
}

/** Draw a chart into `node`; resolves once plotly has drawn it. */
export function drawChart(node, spec, drawn) {
  const styles = getComputedStyle(document.body);
  const ink = styles.getPropertyValue("--ink").trim() || "#222";
  const grid = styles.getPropertyValue("--grid").trim() || "#ddd";
  const unit = drawn.unit;
  const layout = {
    paper_bgcolor: "rgba(0,0,0,0)",
    plot_bgcolor: "rgba(0,0,0,0)",
    font: { color: ink, family: "system-ui, sans-serif", size: 12 },
    margin: { l: 70, r: 10, t: drawn.data.length > 1 ? 40 : 10, b: 60 },
    barmode: spec.stack ? "stack" : "group",
    // Above the plot: long category names below it never run into the legend.
    legend: { orientation: "h", x: 0, y: 1.02, yanchor: "bottom" },
    showlegend: drawn.data.length > 1,
    xaxis: { gridcolor: grid, automargin: true, type: "category" },
    yaxis: {
      gridcolor: grid,
      automargin: true,
      rangemode: "tozero",
      title: drawn.yTitle ? { text: drawn.yTitle } : undefined,
      tickformat: unit === "percent" ? ".0%" : unit === "money" || unit === "money_per_hour" ? "$,.0f" : ",",
    },
    height: 300,
  };
  const config = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["toImage", "lasso2d", "select2d"] };
  return window.Plotly.newPlot(node, drawn.data, layout, config);
}
