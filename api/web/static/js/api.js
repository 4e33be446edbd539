// The client of the public /v1 API: every request the page makes goes through here.
// With API keys configured, the key is asked for once and kept in sessionStorage (this tab only).

const KEY = "roster.apiKey";
let language = "en";

/** An HTTP error answer: status and FastAPI's detail (a string, or the list of input errors). */
export class ApiError extends Error {
  constructor(status, detail) {
    super(typeof detail === "string" ? detail : `HTTP ${status}`);
    this.status = status;
    this.detail = detail;
  }
}

/** The language sent as Accept-Language (server messages follow it where the server supports it). */
export function setLanguage(lang) {
  language = lang;
}

let asking = null; // one prompt at a time, shared by requests that were refused together

function askKey(wrong) {
  asking ??= prompt(wrong).finally(() => {
    asking = null;
  });
  return asking;
}

function prompt(wrong) {
  const dialog = document.getElementById("key-dialog");
  const input = document.getElementById("key-input");
  const error = document.getElementById("key-error");
  error.hidden = !wrong;
  input.value = "";
  return new Promise((resolve) => {
    dialog.addEventListener(
      "close",
      () => {
        const key = input.value.trim();
        if (key) sessionStorage.setItem(KEY, key);
        resolve(Boolean(key));
      },
      { once: true },
    );
    dialog.showModal();
    input.focus();
  });
}

/** One call of the API; asks for a key on 401 and retries; throws ApiError on other errors. */
export async function request(method, path, { body, form, raw = false } = {}) {
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const headers = { "Accept-Language": language };
    const key = sessionStorage.getItem(KEY);
    if (key) headers.Authorization = `Bearer ${key}`;
    let payload;
    if (form) payload = form;
    else if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      payload = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, { method, headers, body: payload });
    } catch (error) {
      throw new ApiError(0, "network");
    }
    if (response.status === 401) {
      const hadKey = Boolean(key);
      sessionStorage.removeItem(KEY);
      if (await askKey(hadKey)) continue;
    }
    if (!response.ok) {
      let detail = response.statusText;
      try {
        detail = (await response.json()).detail ?? detail;
      } catch (error) {
        /* not JSON */
      }
      throw new ApiError(response.status, detail);
    }
    if (raw) return response;
    return response.status === 204 ? null : response.json();
  }
  throw new ApiError(401, "no API key");
}

export const catalogue = (lang) => request("GET", `/v1/i18n/${encodeURIComponent(lang)}`);
export const listExamples = () => request("GET", "/v1/examples");
export const getExample = (name) => request("GET", `/v1/examples/${encodeURIComponent(name)}`);
export const listJobs = (limit = 10) => request("GET", `/v1/jobs?limit=${limit}`);
export const getJob = (id) => request("GET", `/v1/jobs/${encodeURIComponent(id)}`);
export const jobProblem = (id) => request("GET", `/v1/jobs/${encodeURIComponent(id)}/problem`);
export const cancelJob = (id) => request("DELETE", `/v1/jobs/${encodeURIComponent(id)}`);

/** Queue a solve (202); the answer carries the new job's id. */
export function submitJob(problem, timeLimit) {
  const query = timeLimit ? `?time_limit=${encodeURIComponent(timeLimit)}` : "";
  return request("POST", `/v1/jobs${query}`, { body: problem });
}

/** Queue a desk sizing (202). */
export const submitCapacity = (problem, options) => request("POST", "/v1/capacity", { body: { problem, options } });

export const csvPath = (id) => `/v1/jobs/${encodeURIComponent(id)}/roster.csv`;
export const icsPath = (id, employee) =>
  `/v1/jobs/${encodeURIComponent(id)}/calendar/${encodeURIComponent(employee)}.ics`;

/** Fetch a file with the key and hand it to the browser as a download. */
export async function download(path, filename) {
  const response = await request("GET", path, { raw: true });
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement("a"), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
