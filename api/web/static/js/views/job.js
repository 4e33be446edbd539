// /jobs/{id}: progress while the job runs, then the week (or the explanation when no roster exists).
import { cancelJob, csvPath, download, getJob, jobProblem } from "../api.js";
import { h, replace } from "../dom.js";
import { teamIcsPath, xlsxPath } from "../features/exports.js";
import { replan, replanBody } from "../features/replan.js";
import { number, shortDate, t } from "../i18n.js";
import { cellWords, errorBox, feature, navLink, poll, scoreWords } from "./common.js";
import { openCell } from "./editor.js";
import { weekGrid } from "./grid.js";

const FINISHED = new Set(["done", "failed", "cancelled"]);

/** Show a re-plan's new leave as leave (the server applies it to the problem it solves). */
export function withEvents(problem, replan) {
  for (const [id, dates] of Object.entries(replan?.unavailable || {})) {
    const person = problem.employees.find((e) => e.id === id);
    if (person) person.unavailable = [...new Set([...(person.unavailable || []), ...dates])];
  }
  return problem;
}

/** Live figures of a running solve: elapsed, best, bound, gap. */
export function progressPanel(job) {
  const last = job.progress?.at(-1) || {};
  const best = job.best?.objective ?? last.objective ?? null;
  const bound = job.best?.bound ?? last.bound ?? null;
  const started = job.started_at ? (Date.now() - Date.parse(job.started_at)) / 1000 : 0;
  const elapsed = Math.max(last.elapsed ?? 0, started);
  const gap = best !== null && bound !== null ? (best - bound) / Math.max(1, Math.abs(best)) : null;
  const figure = (id, label, value) => h("div", { class: "figure" }, h("dt", {}, label), h("dd", { id }, value));
  return h(
    "dl",
    { class: "figures", id: "progress" },
    figure("elapsed", t("job.elapsed"), `${number(elapsed, 1)} s`),
    figure("best", t("job.best"), best ?? "—"),
    figure("bound", t("job.bound"), bound ?? "—"),
    figure("gap", t("job.gap"), gap === null ? "—" : `${number(gap * 100, 1)} %`),
  );
}

/** The explanation of a problem without a roster, each item linking to what it is about. */
function explanation(items, reveal, problem) {
  const teamName = (id) => (problem.teams || []).find((team) => team.id === id)?.name || id;
  const siteName = (id) => (problem.sites || []).find((site) => site.id === id)?.name || id;
  const personName = (id) => problem.employees.find((e) => e.id === id)?.name || id;
  return h(
    "section",
    { class: "card explanation", id: "explanation", "aria-labelledby": "explain-title" },
    h("h2", { id: "explain-title" }, t("explain.heading")),
    h(
      "ol",
      {},
      items.map((item) => {
        const s = item.subject || {};
        const links = [];
        const link = (label, subject) =>
          h("a", { href: "#", class: "subject", onclick: (event) => { event.preventDefault(); reveal(subject); } }, label);
        if (s.employee) links.push(link(s.date ? `${personName(s.employee)}, ${shortDate(s.date)}` : personName(s.employee), { employee: s.employee, date: s.date }));
        if (s.team) links.push(link(t("grid.team", { name: teamName(s.team) }), { team: s.team }));
        if (s.site) links.push(link(s.date ? `${siteName(s.site)}, ${shortDate(s.date)}` : siteName(s.site), { site: s.site, date: s.date }));
        if (!s.employee && !s.site && s.date) links.push(link(shortDate(s.date), { date: s.date }));
        if (s.resource) links.push(h("span", {}, s.resource));
        if (s.week) links.push(h("span", {}, s.week));
        return h(
          "li",
          { "data-constraint": item.constraint },
          h("p", {}, item.message),
          links.length ? h("p", { class: "about" }, `${t("explain.about")} `, links.flatMap((l, i) => (i ? [", ", l] : [l]))) : null,
        );
      }),
    ),
    h("p", { class: "muted" }, t("explain.hint")),
  );
}

function changesList(changes, problem) {
  const names = new Map(problem.employees.map((e) => [e.id, e.name || e.id]));
  return h(
    "section",
    { class: "card", id: "changes", "aria-labelledby": "changes-title" },
    h("h2", { id: "changes-title" }, t("edit.changes")),
    changes.length
      ? h(
          "ul",
          {},
          changes.map((c) => h("li", { "data-employee": c.employee, "data-date": c.date }, `${names.get(c.employee) ?? c.employee}, ${shortDate(c.date)}: ${cellWords(c.from)} → ${cellWords(c.to)}`)),
        )
      : h("p", {}, t("edit.no_changes")),
  );
}

function statusLine(solution) {
  return h(
    "p",
    { class: `status status-${solution.status}`, id: "status" },
    h("strong", {}, t(`status.${solution.status}`)),
    solution.score ? h("span", { id: "score" }, ` · ${scoreWords(solution.score)}`) : null,
    h("span", { class: "muted" }, ` · ${t("job.solved_in", { seconds: number(solution.solve_seconds, 2) })}`),
  );
}

/** Render /jobs/{id} into `main`; `team` (from ?team=) narrows the grid to one team. */
export async function jobView(main, { jobId, team, signal, go }) {
  const head = h("h1", {}, t("job.heading", { id: jobId.slice(0, 8) }));
  if (team) head.append(` · ${t("team.view")}`);
  const live = h("div", { id: "live", "aria-live": "polite" });
  const body = h("div", { id: "job-body" });
  replace(main, head, live, body);
  const [{ problem, working_days: days, replan }, job] = await Promise.all([jobProblem(jobId), getJob(jobId)]);
  withEvents(problem, replan);
  const keptBefore = replan?.from;
  if (job.kind === "capacity") return go(`/capacity/${jobId}`, true);
  if (job.options?.parent) head.after(h("p", { class: "muted", id: "parent" }, navLink(`/jobs/${job.options.parent}`, t("edit.replanned_from", { id: job.options.parent.slice(0, 8) }))));
  let stopping = false;
  const stop = h(
    "button",
    {
      type: "button",
      id: "stop",
      class: "danger",
      onclick: async () => {
        stopping = true;
        stop.disabled = true;
        stop.textContent = t("job.stopping");
        try {
          await cancelJob(jobId);
        } catch (error) {
          live.append(errorBox(error));
        }
      },
    },
    t("job.stop"),
  );
  const showProgress = (current) => {
    if (FINISHED.has(current.state)) return;
    replace(
      live,
      h("p", { class: "state", id: "state" }, current.state === "queued" ? t("job.queued") : t("job.running")),
      progressPanel(current),
      stopping ? h("p", {}, t("job.stopping")) : stop,
    );
  };
  const final = FINISHED.has(job.state) ? job : await poll(() => getJob(jobId), showProgress, (j) => FINISHED.has(j.state), signal);
  if (!final) return;
  replace(live);
  renderFinal(body, final, problem, days, team, go, keptBefore);
}

function renderFinal(body, job, problem, days, team, go, keptBefore) {
  const solution = job.solution;
  if (job.state === "cancelled" && !solution) {
    replace(body, h("p", { class: "note", id: "cancelled" }, t("job.cancelled"), " ", t("job.no_roster")));
    return;
  }
  if (job.state === "failed" || !solution) {
    replace(body, h("p", { class: "error", role: "alert" }, t("job.failed", { error: job.error || job.state })));
    return;
  }
  const edits = new Map();
  const parts = [statusLine(solution)];
  if (job.state === "cancelled") parts.push(h("p", { class: "note", id: "cancelled" }, t("job.cancelled")));
  const hasRoster = solution.assignments.length > 0;
  const editBar = h("div", { class: "edit-bar", id: "edit-bar", hidden: true });
  const messages = h("div", { id: "edit-messages", "aria-live": "assertive" });
  let grid;
  const ctx = {
    problem,
    assignments: solution.assignments,
    edits,
    canEdit: hasRoster && job.state === "done",
    onChange: () => {
      grid.rerender();
      renderEditBar();
    },
  };
  const renderEditBar = () => {
    editBar.hidden = edits.size === 0;
    replace(
      editBar,
      h("span", { id: "pending-count" }, t("edit.pending", { count: edits.size })),
      h(
        "button",
        {
          type: "button",
          class: "primary",
          id: "replan",
          onclick: async () => {
            replace(messages);
            try {
              const accepted = await feature(() => replan(job.id, replanBody(problem, edits)));
              go(`/jobs/${accepted.id}`);
            } catch (error) {
              replace(messages, errorBox(error));
            }
          },
        },
        t("edit.replan"),
      ),
      h("button", { type: "button", id: "discard", onclick: () => { edits.clear(); ctx.onChange(); } }, t("edit.discard")),
    );
  };
  grid = weekGrid({
    problem,
    days,
    assignments: solution.assignments,
    occupancy: solution.occupancy,
    teamDays: solution.team_days,
    changes: solution.changes,
    keptBefore,
    edits,
    jobId: job.id,
    team,
    onCell: (employee, date, node) => openCell(ctx, employee, date, node),
  });
  if (solution.explanation?.length) parts.push(explanation(solution.explanation, grid.reveal, problem));
  else if (!hasRoster) parts.push(h("p", { class: "note", id: "no-roster" }, t("job.no_roster")));
  if (solution.changes) parts.push(changesList(solution.changes, problem));
  parts.push(editBar, messages, grid.element);
  if (hasRoster) parts.push(downloadCard(job.id, team));
  replace(body, ...parts);
}

function downloadCard(jobId, team) {
  const out = h("div", { id: "download-out", "aria-live": "polite" });
  const get = (path, name) => async () => {
    replace(out);
    try {
      await feature(() => download(path, name));
    } catch (error) {
      replace(out, errorBox(error));
    }
  };
  return h(
    "section",
    { class: "card downloads", "aria-labelledby": "downloads-title" },
    h("h2", { id: "downloads-title" }, t("downloads.heading")),
    h("button", { type: "button", id: "download-csv", onclick: get(csvPath(jobId), `roster-${jobId}.csv`) }, t("downloads.csv")),
    h("button", { type: "button", id: "download-xlsx", onclick: get(xlsxPath(jobId), `roster-${jobId}.xlsx`) }, t("downloads.xlsx")),
    team ? h("button", { type: "button", id: "download-team-ics", onclick: get(teamIcsPath(jobId, team), `${team}.ics`) }, t("downloads.team_ics")) : null,
    out,
  );
}
