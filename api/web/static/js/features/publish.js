// Calendar publishing: POST /v1/jobs/{id}/publish, then each employee subscribes to /v1/calendars/{employee}.ics.
import { request } from "../api.js";

/** Publish a job's roster as the calendars' source. */
export function publish(jobId) {
  return request("POST", `/v1/jobs/${encodeURIComponent(jobId)}/publish`, { body: {} });
}

/** The subscription address of an employee's calendar feed (absolute, for calendar apps). */
export function feedUrl(employee, answer) {
  const given = answer?.feeds?.[employee] ?? answer?.calendars?.[employee];
  const path = given ?? `/v1/calendars/${encodeURIComponent(employee)}.ics`;
  return new URL(path, location.origin).href;
}
