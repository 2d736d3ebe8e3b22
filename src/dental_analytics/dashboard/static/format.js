// Values as people read them: money in dollars, shares as percentages, counts with separators.
const money0 = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const money2 = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const count = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const decimal1 = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const decimal2 = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent1 = new Intl.NumberFormat("en-US", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A value in `unit` as text; `compact` drops cents (KPI cards). Null is an em dash. */
export function format(value, unit, compact = false) {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value !== "number") return String(value);
  switch (unit) {
    case "money": return (compact ? money0 : money2).format(value);
    case "money_per_hour": return `${(compact ? money0 : money2).format(value)}/h`;
    case "percent": return percent1.format(value);
    case "count": return count.format(value);
    case "days": return `${decimal1.format(value)} d`;
    case "hours": return `${decimal1.format(value)} h`;
    case "ratio": return decimal2.format(value);
    case "id": case "text": case "date": case "flag": return String(value);
    default: return Number.isInteger(value) ? count.format(value) : decimal2.format(value);
  }
}

/** A change as text with its sign and an arrow, so colour is never the only signal. */
export function formatChange(change, share, unit) {
  if (change === null || change === undefined) return "no previous value";
  const arrow = change > 0 ? "▲" : change < 0 ? "▼" : "▶";
  const sign = change > 0 ? "+" : change < 0 ? "−" : "±";
  const amount = format(Math.abs(change), unit, true);
  const pct = share === null || share === undefined ? "" : ` (${sign}${percent1.format(Math.abs(share))})`;
  return `${arrow} ${sign}${amount}${pct}`;
}

export function direction(change) {
  return change > 0 ? "up" : change < 0 ? "down" : "flat";
}
