// Pieces shared by the views: errors, the score in words, location labels, navigation.
import { ApiError } from "../api.js";
import { h } from "../dom.js";
import { number, t } from "../i18n.js";

const TERMS = ["preference", "start_time", "lonely_office_day", "fairness", "peak_occupancy", "change", "pattern"];

/** A JSON path of a 422 error: ["body", "employees", 1, "team"] → employees[1].team. */
export function jsonPath(loc) {
  const parts = loc[0] === "body" ? loc.slice(1) : loc;
  if (parts[0] === "staff") {
    if (parts.length === 1) return t("error.sheet");
    if (parts.length === 2) return t("error.sheet_row", { row: parts[1] });
    return t("error.sheet_cell", { row: parts[1], column: parts.slice(2).join(".") });
  }
  let path = "";
  for (const part of parts) path += typeof part === "number" ? `[${part}]` : path ? `.${part}` : String(part);
  return path || "(body)";
}

/** The list of input errors of a 422, each with its JSON path (or row and column). */
export function inputErrors(detail) {
  return h(
    "div",
    { class: "errors", role: "alert" },
    h("p", {}, t("start.errors", { count: detail.length })),
    h(
      "ul",
      {},
      detail.map((item) => h("li", {}, h("code", { class: "path" }, jsonPath(item.loc || [])), " ", item.msg)),
    ),
  );
}

/** Any error in words (a 422 as its list). */
export function errorBox(error) {
  if (error instanceof ApiError && error.status === 422 && Array.isArray(error.detail)) return inputErrors(error.detail);
  if (error instanceof ApiError && error.status === 404 && error.feature) return featureMissing();
  if (error instanceof ApiError && error.status === 0) return h("p", { class: "error", role: "alert" }, t("error.network"));
  const detail = error instanceof ApiError ? (typeof error.detail === "string" ? error.detail : JSON.stringify(error.detail)) : String(error);
  const status = error instanceof ApiError ? error.status : "";
  return h("p", { class: "error", role: "alert" }, t("error.http", { status, detail }));
}

/** The note shown when the server does not have an endpoint yet. */
export function featureMissing() {
  return h("p", { class: "note", role: "status" }, t("feature.unavailable"));
}

/** Run an optional feature; a 404 from its endpoint is marked as "not offered by this server". */
export async function feature(call) {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) error.feature = true;
    throw error;
  }
}

/** The score in words: "8 unmet preference points, 4 lonely office days (score 100, lower is better)";
 * only terms that count (a weight of 0 switches a term off). */
export function scoreWords(score) {
  if (!score) return "";
  const parts = TERMS.filter((term) => score.terms?.[term] && (score.weighted?.[term] ?? 1) > 0).map((term) => t(`term.${term}`, { n: score.terms[term] }));
  return `${parts.length ? parts.join(", ") : t("score.none")} (${t("score.total", { total: score.total })})`;
}

/** The label of a location; leave is told apart from an ordinary day off. */
export function locationLabel(location, onLeave = false) {
  if (location === "off" && onLeave) return t("loc.leave");
  return t(`loc.${location}`);
}

/** One side of a re-plan change (a location, or {location, start, hours}) in words. */
export function cellWords(side) {
  if (!side) return "—";
  if (typeof side === "string") return locationLabel(side);
  return [locationLabel(side.location), side.start, side.hours ? hours(side.hours) : ""].filter(Boolean).join(" ");
}

/** Hours as "8 h" / "8 jam". */
export const hours = (value) => t("grid.hours", { hours: number(value) });

/** A link handled by the page's router. */
export function navLink(href, ...children) {
  return h("a", { href, "data-nav": "" }, ...children);
}

/** Poll until `done(value)`; stops when the view is left (the signal aborts). */
export async function poll(fetcher, onValue, done, signal, interval = 500) {
  while (!signal.aborted) {
    const value = await fetcher();
    if (signal.aborted) return null;
    onValue(value);
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  return null;
}

/** The working days of a problem's employees by id, team members by team id. */
export function index(problem) {
  const employees = new Map(problem.employees.map((employee) => [employee.id, employee]));
  const teams = new Map((problem.teams || []).map((team) => [team.id, team]));
  const sites = new Map((problem.sites || []).map((site) => [site.id, site]));
  return { employees, teams, sites };
}
