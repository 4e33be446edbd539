// /capacity/{id}: a desk-sizing job: the minimum per site, the trade-off curve and the scenario table.
import { cancelJob, getJob } from "../api.js";
import { h, replace } from "../dom.js";
import { number, t } from "../i18n.js";
import { errorBox, poll } from "./common.js";
import { barChart, lineChart } from "./charts.js";

const FINISHED = new Set(["done", "failed", "cancelled"]);

function siteCard(site) {
  const title = site.name || site.site;
  const parts = [h("h2", {}, `${t("cap.site")}: ${title}`)];
  if (!site.feasible || site.minimum_desks === null) {
    parts.push(h("p", { class: "error" }, t("cap.none")));
    for (const item of site.explanation || []) parts.push(h("p", {}, item.message));
    return h("section", { class: "card site-sizing", "data-site": site.site }, parts);
  }
  parts.push(
    h("p", { class: "minimum" }, h("strong", { class: "big", "data-minimum": site.minimum_desks }, number(site.minimum_desks)), " ", t("cap.minimum")),
    h("p", {}, t("cap.summary", { desks: site.minimum_desks, staff: site.staff, ratio: number(site.people_per_desk ?? 0), current: site.current_desks })),
    h("p", { class: "muted" }, site.proven ? t("cap.proven") : t("cap.unproven")),
  );
  if (site.curve?.length) {
    const title = t("cap.curve");
    parts.push(
      h("h3", {}, title),
      lineChart({
        id: `curve-${site.site}`,
        title,
        xLabel: t("cap.axis_desks"),
        yLabel: t("cap.axis_score"),
        points: site.curve.map((p) => ({ x: p.desks, y: p.objective, hollow: !p.proven })),
        marker: { x: site.current_desks, label: t("cap.today", { desks: site.current_desks }) },
      }),
      site.binding_until ? h("p", {}, t("cap.binding", { desks: site.binding_until })) : null,
      h(
        "table",
        { class: "data" },
        h("caption", { class: "visually-hidden" }, title),
        h("thead", {}, h("tr", {}, [t("cap.axis_desks"), t("cap.axis_score"), t("job.gap"), t("term.lonely_office_day", { n: "" }).trim()].map((c) => h("th", { scope: "col" }, c)))),
        h(
          "tbody",
          {},
          site.curve.map((p) =>
            h(
              "tr",
              {},
              h("td", {}, number(p.desks)),
              h("td", {}, p.objective === null ? "—" : number(p.objective), p.proven ? "" : ` (${t("cap.unproven")})`),
              h("td", {}, p.gap === null || p.gap === undefined ? "—" : `${number(p.gap * 100, 1)} %`),
              h("td", {}, p.lonely_office_days ?? "—"),
            ),
          ),
        ),
      ),
    );
  }
  if (site.weekdays?.length) {
    const title = t("cap.weekdays");
    parts.push(
      h("h3", {}, title),
      barChart({
        id: `weekdays-${site.site}`,
        title,
        series: [t("cap.natural"), t("cap.peak")],
        groups: site.weekdays.map((w) => {
          const natural = (site.natural_demand || []).find((n) => n.weekday === w.weekday);
          return { label: t(`weekday.${w.weekday}`), values: [natural ? natural.peak : null, w.peak] };
        }),
        line: { y: site.current_desks, label: t("cap.today", { desks: site.current_desks }) },
      }),
    );
  }
  return h("section", { class: "card site-sizing", "data-site": site.site }, parts);
}

function scenarioTable(rows) {
  const title = t("cap.scenarios");
  const feasible = rows.filter((r) => r.minimum_desks !== null);
  return h(
    "section",
    { class: "card", id: "scenarios", "aria-labelledby": "scenarios-title" },
    h("h2", { id: "scenarios-title" }, title),
    feasible.length
      ? barChart({
          id: "scenario-chart",
          title,
          series: [t("cap.desks")],
          groups: feasible.map((r) => ({ label: `${r.scenario} · ${r.site}`, values: [r.minimum_desks] })),
        })
      : null,
    h(
      "table",
      { class: "data" },
      h("thead", {}, h("tr", {}, [t("cap.scenario"), t("cap.site"), t("cap.desks"), t("cap.ratio"), t("cap.objective")].map((c) => h("th", { scope: "col" }, c)))),
      h(
        "tbody",
        {},
        rows.map((r) =>
          h(
            "tr",
            {},
            h("th", { scope: "row" }, r.scenario),
            h("td", {}, r.site),
            h("td", {}, r.minimum_desks ?? t("cap.none")),
            h("td", {}, r.people_per_desk === null ? "—" : number(r.people_per_desk)),
            h("td", {}, r.objective ?? "—"),
          ),
        ),
      ),
    ),
  );
}

/** Render /capacity/{id} into `main`. */
export async function capacityView(main, { jobId, signal, go }) {
  const live = h("div", { id: "live", "aria-live": "polite" });
  const body = h("div", { id: "capacity-body" });
  replace(main, h("h1", {}, t("cap.heading")), live, body);
  const show = (job) => {
    if (FINISHED.has(job.state)) return;
    const last = job.progress?.at(-1);
    replace(
      live,
      h("p", { id: "state" }, job.state === "queued" ? t("job.queued") : t("cap.running")),
      last ? h("p", { class: "muted" }, last.message || `${last.stage ?? ""} ${last.site ?? ""} ${last.desks ?? ""}`) : null,
      h("button", { type: "button", class: "danger", id: "stop", onclick: () => cancelJob(jobId).catch((e) => live.append(errorBox(e))) }, t("job.stop")),
    );
  };
  const first = await getJob(jobId);
  if (first.kind === "solve") return go(`/jobs/${jobId}`, true);
  const job = FINISHED.has(first.state) ? first : await poll(() => getJob(jobId), show, (j) => FINISHED.has(j.state), signal);
  if (!job) return;
  replace(live);
  if (!job.capacity) return replace(body, h("p", { class: "error", role: "alert" }, t("job.failed", { error: job.error || job.state })));
  const report = job.capacity;
  replace(
    body,
    report.stopped ? h("p", { class: "note" }, t("job.cancelled")) : null,
    report.sites.map(siteCard),
    report.scenarios?.length ? scenarioTable(report.scenarios) : null,
    report.notes?.length ? h("ul", { class: "muted" }, report.notes.map((n) => h("li", {}, n))) : null,
  );
}
