// /jobs/{id}/employees/{employee}: one person's week as a list of days (fits a 390-pixel phone).
import { download, getJob, icsPath, jobProblem } from "../api.js";
import { h, replace } from "../dom.js";
import { feedUrl, publish } from "../features/publish.js";
import { longDate, number, t, weekdayKey } from "../i18n.js";
import { errorBox, feature, hours, locationLabel, navLink } from "./common.js";
import { withEvents } from "./job.js";

/** Render a person's week into `main`. */
export async function personView(main, { jobId, employeeId }) {
  const [{ problem, working_days: days, replan }, job] = await Promise.all([jobProblem(jobId), getJob(jobId)]);
  withEvents(problem, replan);
  const employee = problem.employees.find((e) => e.id === employeeId);
  if (!employee) throw new Error(`no employee ${employeeId}`);
  const team = (problem.teams || []).find((tm) => tm.id === employee.team);
  const assignments = (job.solution?.assignments || job.best?.assignments || []).filter((a) => a.employee === employeeId);
  const byDate = new Map(assignments.map((a) => [a.date, a]));
  const changed = new Set((job.solution?.changes || []).filter((c) => c.employee === employeeId).map((c) => c.date));
  const frozen = new Set((problem.frozen || []).filter((f) => f.employee === employeeId).map((f) => f.date));
  for (const date of days) if (replan && date < replan.from) frozen.add(date);
  const total = assignments.reduce((sum, a) => sum + (a.hours || 0), 0);
  const siteName = (id) => (problem.sites || []).find((s) => s.id === id)?.name || id;
  const publishOut = h("div", { id: "publish-out", "aria-live": "polite" });
  const name = employee.name || employee.id;

  const day = (date) => {
    const a = byDate.get(date);
    const onLeave = (employee.unavailable || []).includes(date);
    const location = a ? a.location : onLeave ? "off" : null;
    const cls = location ? (onLeave && location === "off" ? "leave" : location) : "none";
    const meetings = (team?.meetings || []).filter((m) => (m.date ? m.date === date : m.weekday === weekdayKey(date)));
    const marks = [];
    if (employee.fixed?.[date]) marks.push(["pin", t("grid.pinned")]);
    if (frozen.has(date)) marks.push(["frozen", t("grid.frozen")]);
    if (changed.has(date)) marks.push(["changed", t("grid.changed")]);
    return h(
      "li",
      { class: `day-card cell loc-${cls}${changed.has(date) ? " changed" : ""}`, "data-date": date },
      h("h2", {}, longDate(date), " · ", t(`weekday.${weekdayKey(date)}`)),
      h("p", { class: "loc" }, location ? locationLabel(location, onLeave) : "—", a?.site ? ` · ${siteName(a.site)}` : ""),
      a?.start ? h("p", { class: "time" }, `${a.start}–${a.end} · ${hours(a.hours)}`) : null,
      meetings.map((m) => h("p", { class: "meeting" }, `▣ ${m.name || t("grid.meeting")} ${m.start}–${m.end}`)),
      marks.length ? h("p", { class: "marks" }, marks.map(([kind, text]) => h("span", { class: `badge ${kind}` }, text))) : null,
    );
  };

  replace(
    main,
    h("p", {}, navLink(`/jobs/${jobId}`, `← ${t("person.back")}`)),
    h("h1", {}, t("person.heading", { name })),
    h("p", { class: "muted" }, [team ? t("grid.team", { name: team.name || team.id }) : t("grid.no_team"), t("person.total", { hours: number(total) })].join(" · ")),
    h("ol", { class: "days", id: "person-days" }, days.map(day)),
    assignments.length && job.solution
      ? h(
          "section",
          { class: "card downloads", "aria-labelledby": "downloads-title" },
          h("h2", { id: "downloads-title" }, t("downloads.heading")),
          h("button", { type: "button", id: "download-ics", onclick: () => download(icsPath(jobId, employeeId), `${employeeId}.ics`) }, t("downloads.ics")),
          h(
            "button",
            {
              type: "button",
              id: "publish",
              onclick: async () => {
                try {
                  const answer = await feature(() => publish(jobId));
                  const url = feedUrl(employeeId, answer);
                  replace(publishOut, h("p", {}, t("downloads.published"), " ", h("a", { href: url, id: "feed-link" }, url)));
                } catch (error) {
                  replace(publishOut, errorBox(error));
                }
              },
            },
            t("downloads.publish"),
          ),
          publishOut,
        )
      : null,
  );
}
