// Spreadsheet import: POST /v1/import (multipart: the staff sheet and an optional base problem) → a problem.
import { request } from "../api.js";

/** Turn a staff spreadsheet (and optionally a base problem file) into a problem. */
export function importSpreadsheet(sheet, base) {
  const form = new FormData();
  form.append("file", sheet, sheet.name);
  if (base) form.append("base", base, base.name);
  return request("POST", "/v1/import", { form });
}
