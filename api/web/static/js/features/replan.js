// Re-plan (SPEC §4): POST /v1/jobs/{id}/replan → a new job whose solution lists its `changes`.
import { request } from "../api.js";

/**
 * Ask for a minimal-change re-plan of a finished job.
 * body: {from: "YYYY-MM-DD", unavailable?: {employee: [dates]}, desks?: {site: {date: n}}, problem?: {...}}
 */
export function replan(jobId, body) {
  return request("POST", `/v1/jobs/${encodeURIComponent(jobId)}/replan`, { body });
}

/** The re-plan body of the pending edits of a grid: leave goes in `unavailable`, pins in a changed problem. */
export function replanBody(problem, edits) {
  const dates = [...edits.values()].map((edit) => edit.date).sort();
  const unavailable = {};
  let pinned = null;
  for (const edit of edits.values()) {
    if (edit.kind === "leave") (unavailable[edit.employee] ??= []).push(edit.date);
    else {
      pinned ??= structuredClone(problem);
      const person = pinned.employees.find((employee) => employee.id === edit.employee);
      person.fixed = { ...(person.fixed || {}), [edit.date]: edit.location };
    }
  }
  const body = { from: dates[0], unavailable };
  if (pinned) body.problem = pinned;
  return body;
}
