// The start page: upload a problem or open an example, solve it as a job or size its desks.
import { getExample, listExamples, listJobs, submitCapacity, submitJob } from "../api.js";
import { h, replace } from "../dom.js";
import { importSpreadsheet } from "../features/importer.js";
import { t } from "../i18n.js";
import { errorBox, feature, navLink } from "./common.js";

// What-if scenarios offered with a desk sizing (overrides by dotted path, as the capacity API takes them).
const SCENARIOS = [
  { id: "three_office_days", overrides: { "policy.office_days.min": 3 } },
  { id: "more_staff", overrides: { staff_factor: 1.1 } },
];

const title = (name) => (t(`example.${name}`) === `example.${name}` ? name : t(`example.${name}`));
let loaded = null; // {name, problem}: kept while the user moves around the page

function summary(name, problem) {
  const horizon = problem?.horizon || {};
  return t("start.loaded", {
    name,
    employees: (problem?.employees || []).length,
    teams: (problem?.teams || []).length,
    sites: (problem?.sites || []).length,
    days: horizon.days ?? "?",
    start: horizon.start ?? "?",
  });
}

/** Render the start page into `main`. */
export async function startView(main, { go }) {
  const status = h("div", { id: "problem-status", "aria-live": "polite" });
  const messages = h("div", { id: "messages", "aria-live": "assertive" });
  const show = (name, problem) => {
    loaded = { name, problem };
    replace(status, h("p", { class: "loaded" }, summary(name, problem)));
    replace(messages);
  };
  if (loaded) show(loaded.name, loaded.problem);

  const file = h("input", { type: "file", id: "problem-file", accept: ".json,application/json" });
  file.addEventListener("change", async () => {
    const chosen = file.files[0];
    if (!chosen) return;
    try {
      show(chosen.name, JSON.parse(await chosen.text()));
    } catch (error) {
      loaded = null;
      replace(status);
      replace(messages, h("p", { class: "error", role: "alert" }, t("start.bad_json", { name: chosen.name, error: error.message })));
    }
  });

  const examples = h("ul", { class: "examples", id: "examples" });
  const timeLimit = h("input", { type: "number", id: "time-limit", min: "1", max: "300", step: "1", value: "10" });
  const run = async (kind) => {
    if (!loaded) return replace(messages, h("p", { class: "error", role: "alert" }, t("start.no_problem")));
    replace(messages);
    try {
      const limit = Number(timeLimit.value) || undefined;
      if (kind === "solve") {
        const job = await submitJob(loaded.problem, limit);
        go(`/jobs/${job.id}`);
      } else {
        const options = { time_limit: Math.min(limit || 5, 5), curve_max_points: 8 };
        const scenarios = SCENARIOS.filter((s) => document.getElementById(`scenario-${s.id}`)?.checked);
        if (scenarios.length) options.scenarios = scenarios.map((s) => ({ name: t(`scenario.${s.id}`), overrides: s.overrides }));
        const job = await submitCapacity(loaded.problem, options);
        go(`/capacity/${job.id}`);
      }
    } catch (error) {
      replace(messages, errorBox(error));
    }
  };

  const sheet = h("input", { type: "file", id: "import-sheet", accept: ".xlsx,.csv" });
  const base = h("input", { type: "file", id: "import-base", accept: ".json,application/json" });
  const importNow = async () => {
    if (!sheet.files[0]) return;
    replace(messages);
    try {
      const answer = await feature(() => importSpreadsheet(sheet.files[0], base.files[0]));
      const problem = answer.problem ?? answer;
      show(sheet.files[0].name, problem);
    } catch (error) {
      replace(messages, errorBox(error));
    }
  };

  const jobs = h("ul", { class: "jobs", id: "recent-jobs" });
  replace(
    main,
    h("h1", {}, t("start.heading")),
    h(
      "div",
      { class: "start-grid" },
      h(
        "section",
        { class: "card", "aria-labelledby": "load-title" },
        h("h2", { id: "load-title" }, t("start.upload")),
        h("label", { for: "problem-file", class: "visually-hidden" }, t("start.upload")),
        file,
        h("h3", {}, t("start.examples")),
        examples,
        h("details", { class: "import" }, h("summary", {}, t("start.import")),
          h("div", { class: "stack" },
            h("label", { for: "import-sheet" }, t("start.import_sheet")), sheet,
            h("label", { for: "import-base" }, t("start.import_base")), base,
            h("button", { type: "button", id: "import-button", onclick: importNow }, t("start.import_button")),
          ),
        ),
      ),
      h(
        "section",
        { class: "card", "aria-labelledby": "run-title" },
        h("h2", { id: "run-title" }, t("start.solve")),
        status,
        h("label", { for: "time-limit" }, t("start.time_limit")),
        timeLimit,
        h(
          "div",
          { class: "actions" },
          h("button", { type: "button", class: "primary", id: "solve", onclick: () => run("solve") }, t("start.solve")),
          h("button", { type: "button", id: "size-desks", onclick: () => run("capacity") }, t("start.size")),
        ),
        h(
          "fieldset",
          { class: "scenarios" },
          h("legend", {}, t("start.scenarios")),
          SCENARIOS.map((s) =>
            h("label", { class: "check" }, h("input", { type: "checkbox", id: `scenario-${s.id}` }), " ", t(`scenario.${s.id}`)),
          ),
        ),
        messages,
      ),
      h("section", { class: "card", "aria-labelledby": "jobs-title" }, h("h2", { id: "jobs-title" }, t("start.recent")), jobs),
    ),
  );

  try {
    const { items } = await listExamples();
    replace(
      examples,
      items.map((item) =>
        h(
          "li",
          {},
          h(
            "button",
            {
              type: "button",
              class: "link",
              "data-example": item.name,
              onclick: async () => {
                try {
                  show(title(item.name), await getExample(item.name));
                } catch (error) {
                  replace(messages, errorBox(error));
                }
              },
            },
            title(item.name),
          ),
          h("span", { class: "muted" }, ` · ${item.employees} · ${item.start}`),
        ),
      ),
    );
    const page = await listJobs(8);
    replace(
      jobs,
      page.items.length
        ? page.items.map((job) =>
            h(
              "li",
              {},
              navLink(job.kind === "capacity" ? `/capacity/${job.id}` : `/jobs/${job.id}`, job.id.slice(0, 8)),
              h("span", { class: "muted" }, ` · ${job.kind} · ${job.state}${job.status ? ` · ${t(`status.${job.status}`)}` : ""}`),
            ),
          )
        : h("li", { class: "muted" }, t("start.no_jobs")),
    );
  } catch (error) {
    replace(messages, errorBox(error));
  }
}
