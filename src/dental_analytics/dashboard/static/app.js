// One dashboard page: who is signed in, the filters (kept in the URL), the report from the API,
// and its KPI cards, charts and tables. Every number comes from the API with the session cookie.
import { PAGES, WORKLISTS } from "./pages.js";
import { dataTable, drawChart, el, headlineCards, kpiCards, traces } from "./render.js";
import { format } from "./format.js";

const page = document.body.dataset.page;
const status = document.getElementById("status");
const blocks = document.getElementById("blocks");
const form = document.getElementById("filters");
// A metric's info mark opens its column lineage in the docs site: the metric, the mart columns
// it sums and every column back to OpenDental's.
const DOCS_LINEAGE = "/docs/lineage/columns.html";

class ApiFailure extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function api(path, params) {
  const url = params ? `${path}?${params}` : path;
  let response;
  try {
    response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
  } catch {
    throw new ApiFailure(0, "The server cannot be reached: is `dental serve` running?");
  }
  if (response.status === 401) {
    location.assign(`/signin?next=${encodeURIComponent(location.pathname + location.search)}`);
    throw new ApiFailure(401, "Signing in again…");
  }
  if (!response.ok) {
    let message = `The API answered ${response.status}.`;
    try {
      const body = await response.json();
      if (body && body.error) message = body.error;
    } catch {}
    throw new ApiFailure(response.status, message);
  }
  return response.json();
}

// plotly.js is fetched by the page's <head> (its preload link names the file) and compiled here,
// while the page asks the API for its numbers.
const plotlyLoaded = page === "worklists" ? Promise.resolve() : new Promise((resolve, reject) => {
  const script = document.createElement("script");
  script.src = document.querySelector('link[rel="preload"][as="script"]').href;
  script.async = true;
  script.addEventListener("load", () => {
    performance.mark("plotly-ready"); // compiled and run: what a first visit waits for
    resolve();
  });
  script.addEventListener("error", () => reject(new ApiFailure(0, "The charting library did not load.")));
  document.head.append(script);
});
plotlyLoaded.catch(() => {}); // reported where the charts are drawn

// -- dates and presets (counted from the as-of date of the served warehouse) -----------------

const iso = (d) => d.toISOString().slice(0, 10);
const day = (text) => new Date(`${text}T00:00:00Z`);
const addDays = (d, n) => new Date(d.getTime() + n * 86400000);

export function presetRange(preset, asOf) {
  const end = day(asOf);
  const y = end.getUTCFullYear();
  const m = end.getUTCMonth();
  const monday = addDays(end, -((end.getUTCDay() + 6) % 7));
  switch (preset) {
    case "today": return [end, end];
    case "this_week": return [monday, end];
    case "last_week": return [addDays(monday, -7), addDays(monday, -1)];
    case "mtd": return [new Date(Date.UTC(y, m, 1)), end];
    case "last_month": return [new Date(Date.UTC(y, m - 1, 1)), new Date(Date.UTC(y, m, 0))];
    case "qtd": return [new Date(Date.UTC(y, m - (m % 3), 1)), end];
    case "ytd": return [new Date(Date.UTC(y, 0, 1)), end];
    default: return [addDays(new Date(Date.UTC(y - 1, m, end.getUTCDate())), 1), end];
  }
}

const DEFAULTS = { preset: "last_12_months", grain: "month" };

/** The view the URL asks for, with the start and end its preset means. */
function readState(asOf) {
  const q = new URLSearchParams(location.search);
  const state = {
    preset: q.get("preset") || DEFAULTS.preset,
    grain: q.get("grain") || DEFAULTS.grain,
    clinic_id: q.get("clinic_id") || "",
    provider_id: q.get("provider_id") || "",
    start: q.get("start") || "",
    end: q.get("end") || "",
  };
  if (state.preset !== "custom" || !state.start || !state.end) {
    if (state.preset === "custom") state.preset = DEFAULTS.preset;
    const [start, end] = presetRange(state.preset, asOf);
    state.start = iso(start);
    state.end = iso(end);
  }
  return state;
}

function writeState(state) {
  const q = new URLSearchParams();
  if (state.preset !== DEFAULTS.preset) q.set("preset", state.preset);
  if (state.preset === "custom") {
    q.set("start", state.start);
    q.set("end", state.end);
  }
  if (state.grain !== DEFAULTS.grain) q.set("grain", state.grain);
  if (state.clinic_id) q.set("clinic_id", state.clinic_id);
  if (state.provider_id) q.set("provider_id", state.provider_id);
  const query = q.toString();
  history.pushState(null, "", query ? `?${query}` : location.pathname);
}

function reportParams(state) {
  const q = new URLSearchParams({ start: state.start, end: state.end, grain: state.grain });
  if (state.clinic_id) q.set("clinic_id", state.clinic_id);
  if (state.provider_id) q.set("provider_id", state.provider_id);
  return q;
}

// -- the page ----------------------------------------------------------------------------------

let ctx;

async function start() {
  document.getElementById("sign-out").addEventListener("click", signOut);
  // Everything but the report in one round trip; the report needs the as-of date for its dates.
  let who, health, clinics, providers, metrics;
  try {
    [who, health, clinics, providers, metrics] = await Promise.all([
      api("/api/session"),
      api("/api/health"),
      api("/api/clinics").catch((error) => error),
      api("/api/providers").catch((error) => error),
      api("/api/metrics").catch((error) => error),
    ]);
  } catch (error) {
    return showError(error);
  }
  document.getElementById("who").textContent = `${who.name} (${who.scope === "phi" ? "reports and contacts" : "reports"})`;
  if (health.status !== "ok") {
    return showError(new ApiFailure(503, health.status === "not_built"
      ? "The warehouse has not been built yet: run `dental build` (or `make demo`), then reload."
      : `The warehouse is unavailable: ${health.message || "try again shortly"}.`));
  }
  const failed = [clinics, providers, metrics].find((answer) => answer instanceof Error);
  if (failed) return showError(failed);
  ctx = {
    asOf: health.as_of,
    names: {
      clinics: new Map(clinics.clinics.map((c) => [c.clinic_id, c.name])),
      providers: new Map(providers.providers.map((p) => [p.provider_id, p.name])),
    },
    metrics: new Map(metrics.map((m) => [m.name, m])),
    metricLabel(name) { return this.metrics.get(name)?.label || name; },
    metricDescription(name) { return this.metrics.get(name)?.description || ""; },
    docsUrl(name) {
      return this.metrics.has(name) ? `${DOCS_LINEAGE}#metric=${encodeURIComponent(name)}` : null;
    },
  };
  fillPicker("clinic_id", clinics.clinics.map((c) => [c.clinic_id, c.name]));
  fillPicker("provider_id", providers.providers.map((p) => [p.provider_id, p.is_active ? p.name : `${p.name} (inactive)`]));
  form.addEventListener("change", onFilterChange);
  window.addEventListener("popstate", () => render());
  await render();
}

function fillPicker(id, options) {
  const select = document.getElementById(id);
  for (const [value, label] of options) select.append(el("option", { value }, label));
}

function onFilterChange(event) {
  const data = new FormData(form);
  const state = Object.fromEntries(data.entries());
  if (event.target.name === "start" || event.target.name === "end") state.preset = "custom";
  if (state.preset === "custom" && (!state.start || !state.end)) return;
  writeState(state);
  render();
}

let generation = 0;

async function render() {
  const mine = ++generation;
  const state = readState(ctx.asOf);
  for (const name of ["preset", "start", "end", "grain", "clinic_id", "provider_id"]) {
    form.elements[name].value = state[name];
  }
  document.body.dataset.ready = "false";
  status.textContent = "Loading…";
  status.className = "status";
  try {
    if (page === "worklists") await renderWorklists(state, mine);
    else await renderReport(state, mine);
  } catch (error) {
    if (mine === generation) showError(error);
    return;
  }
  if (mine === generation) {
    document.body.dataset.ready = "true";
    performance.mark("dashboard-drawn");
  }
}

async function renderReport(state, mine) {
  const spec = PAGES[page];
  const params = reportParams(state);
  let monthEnd = null;
  let previous = null;
  if (spec.previousMonthEnd) {
    const end = day(state.end);
    monthEnd = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), 0));
    const earlier = new URLSearchParams(params);
    earlier.set("start", iso(new Date(Date.UTC(monthEnd.getUTCFullYear(), monthEnd.getUTCMonth(), 1))));
    earlier.set("end", iso(monthEnd));
    previous = api(spec.route, earlier).catch(() => null); // without it, cards show no change
  }
  const [report, before] = await Promise.all([api(spec.route, params), previous]);
  if (mine !== generation) return;
  blocks.replaceChildren();
  status.textContent = `${report.start} to ${report.end}, as of ${report.as_of}` +
    (state.clinic_id ? `, ${ctx.names.clinics.get(Number(state.clinic_id)) || "clinic " + state.clinic_id}` : "") +
    (state.provider_id ? `, ${ctx.names.providers.get(Number(state.provider_id)) || "provider " + state.provider_id}` : "");
  const charts = [];
  for (const [name, table] of Object.entries(report.tables)) {
    const section = spec.sections[name] || {};
    const title = section.title || table.description;
    const csv = `${spec.route}?${params}&format=csv&table=${encodeURIComponent(name)}`;
    const node = el(
      "section",
      { class: "block", "data-table": name, "aria-labelledby": `h-${name}` },
      el("h2", { id: `h-${name}` }, title),
      el("p", { class: "description" }, table.description),
    );
    blocks.append(node);
    if (table.rows.length === 0 || table.columns.length === 0) {
      node.append(el("p", { class: "empty" }, "No data for this period and these filters."));
      node.append(unavailableNote(table));
      continue;
    }
    if (section.headline) node.append(headlineCards(table, ctx));
    if (section.kpis) {
      const earlier = section.compare && before ? before.tables[name] : null;
      node.append(kpiCards(table, section.kpis, ctx, earlier, earlier ? iso(monthEnd) : ""));
    }
    for (const chart of section.charts || []) {
      const drawn = traces(chart, table, ctx);
      if (!drawn) continue;
      const chartTitle = chart.title || title;
      const box = el("figure", { class: "chart" },
        el("div", { class: "plot", role: "img", "aria-label": `Chart: ${chartTitle}. The same numbers are in the table below.` }),
        el("figcaption", { class: "sr-only" }, chartTitle));
      node.append(box);
      charts.push([box.firstChild, chart, drawn]);
    }
    node.append(unavailableNote(table));
    node.append(
      el("details", { class: "table-details", open: !section.charts || undefined },
        el("summary", {}, `Table: ${title} (${table.rows.length} rows)`),
        dataTable(name, table, title, ctx)),
      el("p", { class: "download" }, el("a", { href: csv, download: `${report.report}-${name}.csv`, "data-csv": name }, `Download ${title} as CSV`)),
    );
  }
  await plotlyLoaded;
  if (mine !== generation) return;
  await Promise.all(charts.map(([target, chart, drawn]) => drawChart(target, chart, drawn)));
}

function unavailableNote(table) {
  const entries = Object.entries(table.unavailable || {});
  if (entries.length === 0) return "";
  return el("p", { class: "note" }, "Not shown: ", entries.map(([m, why]) => `${ctx.metricLabel(m)} (${why})`).join("; "), ".");
}

// -- the work lists ----------------------------------------------------------------------------

const PAGE_SIZE = 25;

async function renderWorklists(state, mine) {
  for (const name of ["preset", "start", "end", "grain"]) form.elements[name].closest("label").hidden = true;
  const q = new URLSearchParams(location.search);
  const lists = await Promise.all(WORKLISTS.map(async (list) => {
    const params = new URLSearchParams({ page: q.get(`${list.name}_page`) || "1", page_size: String(PAGE_SIZE) });
    if (state.clinic_id) params.set("clinic_id", state.clinic_id);
    if (state.provider_id && list.providers) params.set("provider_id", state.provider_id);
    try {
      return [list, params, await api(`/api/worklists/${list.name}`, params)];
    } catch (error) {
      if (error.status === 401 || error.status === 503) throw error;
      return [list, params, error];
    }
  }));
  if (mine !== generation) return;
  blocks.replaceChildren();
  status.textContent = `As of ${lists.find(([, , r]) => r.as_of)?.[2].as_of || ctx.asOf}` +
    (state.clinic_id ? `, ${ctx.names.clinics.get(Number(state.clinic_id))}` : "");
  for (const [list, params, result] of lists) {
    const node = el("section", { class: "block", "data-worklist": list.name, "aria-labelledby": `h-${list.name}` },
      el("h2", { id: `h-${list.name}` }, list.title));
    blocks.append(node);
    if (result instanceof Error) {
      node.append(el("p", { class: "error" }, result.message));
      continue;
    }
    node.append(el("p", { class: "description" },
      `${format(result.total, "count")} on the list` +
      (state.provider_id && !list.providers ? " (this list is not kept by provider: every provider's)" : "") +
      (result.contacts ? "." : ". Names and phone numbers need the phi scope.")));
    if (result.rows.length === 0) {
      node.append(el("p", { class: "empty" }, "Nothing on this list."));
      continue;
    }
    const table = { description: `${list.title}, page ${result.page} of ${Math.max(1, Math.ceil(result.total / result.page_size))}`, columns: result.columns, rows: result.rows };
    node.append(dataTable(list.name, table, list.title, ctx));
    const csvParams = new URLSearchParams(params);
    csvParams.set("format", "csv");
    const pages = Math.ceil(result.total / result.page_size);
    node.append(el("p", { class: "download pager" },
      pager(list.name, result.page - 1, "Previous page", result.page > 1),
      ` Page ${result.page} of ${pages} `,
      pager(list.name, result.page + 1, "Next page", result.page < pages),
      " · ",
      el("a", { href: `/api/worklists/${list.name}?${csvParams}`, download: `${list.name}.csv`, "data-csv": list.name }, `Download this page as CSV`)));
  }
}

function pager(name, target, label, enabled) {
  const button = el("button", { type: "button", disabled: !enabled }, label);
  button.addEventListener("click", () => {
    const q = new URLSearchParams(location.search);
    q.set(`${name}_page`, String(target));
    history.pushState(null, "", `?${q}`);
    render();
  });
  return button;
}

// -- states ------------------------------------------------------------------------------------

function showError(error) {
  if (error.status === 401) return;
  blocks.replaceChildren();
  status.className = "status error";
  status.textContent = error.status === 503
    ? `No numbers yet: ${error.message}`
    : error.message || "Something went wrong while loading this page.";
  document.body.dataset.ready = "error";
}

async function signOut() {
  try {
    await fetch("/api/session", { method: "DELETE", credentials: "same-origin" });
  } finally {
    location.assign("/signin");
  }
}

// A printed page shows every table, open or not.
window.addEventListener("beforeprint", () => {
  for (const details of document.querySelectorAll("details.table-details")) details.open = true;
});

start();
