// "Why?" on a cell: POST /v1/why with the problem, the roster and the cell (an optional location asked about).
import { request } from "../api.js";

/** The answer of the why endpoint for one cell. */
export function why(problem, assignments, employee, date, location) {
  const body = { problem, roster: assignments, employee, date };
  if (location) body.location = location;
  return request("POST", "/v1/why", { body });
}

/** The sentences of an answer without alternatives (a message, reasons, items with messages). */
export function sentences(answer) {
  if (typeof answer === "string") return [answer];
  const found = [];
  for (const key of ["message", "summary", "answer"]) if (typeof answer?.[key] === "string") found.push(answer[key]);
  for (const key of ["reasons", "explanation", "because", "items", "rules"]) {
    for (const item of Array.isArray(answer?.[key]) ? answer[key] : []) {
      found.push(typeof item === "string" ? item : item.message ?? JSON.stringify(item));
    }
  }
  return found.length ? found : [JSON.stringify(answer, null, 2)];
}
