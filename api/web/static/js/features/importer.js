// Spreadsheet import: POST /v1/import (multipart: `staff`, the sheet; `base`, an optional organisation JSON)
// → a problem; errors are 422 with `loc` ["body", "staff", row, column].
import { request } from "../api.js";

/** Turn a staff spreadsheet (and optionally a base problem file) into a problem. */
export function importSpreadsheet(sheet, base) {
  const form = new FormData();
  form.append("staff", sheet, sheet.name);
  if (base) form.append("base", base, base.name);
  return request("POST", "/v1/import", { form });
}
