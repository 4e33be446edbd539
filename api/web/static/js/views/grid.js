// The week grid: employees × working days grouped by team, a row per site with occupancy against desks.
// Large problems are paginated (PAGE_SIZE people per page) so the page stays quick at 2,000 employees.
import { h, replace } from "../dom.js";
import { number, shortDate, t, weekdayKey } from "../i18n.js";
import { cellWords, hours, locationLabel, navLink } from "./common.js";

export const PAGE_SIZE = 100;

const key = (employee, date) => `${employee}|${date}`;
export const cellId = (employee, date) => `cell-${employee}-${date}`;

function meetsOn(meeting, date) {
  return meeting.date ? meeting.date === date : meeting.weekday === weekdayKey(date);
}

/** Per site and day: office count and desks (from the solution, else counted from the assignments). */
export function occupancyOf(problem, days, assignments, given) {
  const table = new Map();
  for (const row of given || []) table.set(key(row.site, row.date), row);
  for (const site of problem.sites || []) {
    for (const date of days) {
      if (table.has(key(site.id, date))) continue;
      const desks = site.desks_by_date?.[date] ?? site.desks;
      const office = assignments.filter((a) => a.location === "office" && a.site === site.id && a.date === date).length;
      table.set(key(site.id, date), { site: site.id, date, office: assignments.length ? office : null, desks });
    }
  }
  return table;
}

/** The groups of the grid: each team with its members (in input order), then people without a team. */
export function groups(problem) {
  const byTeam = new Map((problem.teams || []).map((team) => [team.id, { team, members: [] }]));
  const loose = { team: null, members: [] };
  for (const employee of problem.employees) (byTeam.get(employee.team) ?? loose).members.push(employee);
  return [...byTeam.values(), loose].filter((group) => group.members.length);
}

/**
 * Build the grid. `data`: {problem, days, assignments, occupancy, teamDays, changes, edits, jobId, team,
 * onCell(employee, date)}. Returns {element, reveal(subject)}.
 */
export function weekGrid(data) {
  const { problem, days } = data;
  const sites = problem.sites || [];
  const cells = new Map(data.assignments.map((a) => [key(a.employee, a.date), a]));
  const changed = new Map((data.changes || []).map((c) => [key(c.employee, c.date), c]));
  const frozen = new Set((problem.frozen || []).map((f) => key(f.employee, f.date)));
  const anchors = new Set((data.teamDays || []).flatMap((row) => row.dates.map((date) => key(row.team, date))));
  const occupancy = occupancyOf(problem, days, data.assignments, data.occupancy);
  const allGroups = groups(problem);
  const state = { team: data.team || "", search: "", page: 0 };

  const teamSelect = h(
    "select",
    { id: "team-filter" },
    h("option", { value: "" }, t("grid.all_teams")),
    allGroups.map((g) => h("option", { value: g.team?.id ?? "-" }, g.team ? g.team.name || g.team.id : t("grid.no_team"))),
  );
  teamSelect.value = state.team;
  const search = h("input", { type: "search", id: "person-search", autocomplete: "off" });
  const pager = h("div", { class: "pager", role: "navigation", "aria-label": t("grid.pages") });
  const table = h("table", { class: "grid", role: "grid", id: "week-grid", "aria-describedby": "grid-keys" });
  const wrap = h("div", { class: "grid-wrap" }, table);

  function visibleRows() {
    const needle = state.search.trim().toLowerCase();
    const rows = [];
    for (const group of allGroups) {
      if (state.team && (group.team?.id ?? "-") !== state.team) continue;
      const members = needle
        ? group.members.filter((e) => `${e.name || ""} ${e.id}`.toLowerCase().includes(needle))
        : group.members;
      for (const employee of members) rows.push({ group, employee });
    }
    return rows;
  }

  function header() {
    const meetingsOn = (date) => (problem.teams || []).filter((team) => (team.meetings || []).some((m) => meetsOn(m, date)));
    const head = h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col", class: "corner" }, t("grid.employee")),
        days.map((date) => {
          const teams = meetingsOn(date);
          return h(
            "th",
            { scope: "col", id: `day-${date}`, class: "day" },
            h("span", { class: "date" }, shortDate(date)),
            teams.length
              ? h("span", { class: "meetings", title: teams.map((team) => team.name || team.id).join(", ") }, `▣ ${t("grid.meetings_count", { count: teams.length })}`)
              : null,
          );
        }),
      ),
      sites.map((site) =>
        h(
          "tr",
          { class: "occupancy", id: `site-${site.id}` },
          h("th", { scope: "row" }, h("span", { class: "site-name" }, site.name || site.id), h("span", { class: "muted" }, t("grid.occupancy"))),
          days.map((date) => {
            const row = occupancy.get(key(site.id, date));
            const over = row.office !== null && row.office > row.desks;
            const ratio = row.desks ? Math.min(1, (row.office ?? 0) / row.desks) : 1;
            const label = row.office === null ? `— / ${row.desks}` : t("grid.desks", { office: row.office, desks: row.desks });
            return h(
              "td",
              { class: `occ${over ? " over" : ""}`, id: `site-${site.id}-${date}`, "data-site": site.id, "data-date": date },
              h("span", {}, label, over ? ` · ${t("grid.over")}` : ""),
              h("span", { class: "bar", "aria-hidden": "true" }, h("span", { style: undefined, "data-ratio": number(ratio * 100, 0) })),
            );
          }),
        ),
      ),
    );
    return head;
  }

  function teamRow(group) {
    const team = group.team;
    if (!team) return h("tr", { class: "team-row" }, h("th", { scope: "rowgroup", colspan: days.length + 1 }, t("grid.no_team")));
    const pattern = Object.entries(team.pattern || {})
      .map(([day, where]) => `${t(`weekday.${day}`)} ${t(`loc.${where}`)}`)
      .join(", ");
    return h(
      "tr",
      { class: "team-row", id: `team-${team.id}` },
      h(
        "th",
        { scope: "rowgroup" },
        data.jobId && !state.team
          ? h("a", { class: "team-name", href: `/jobs/${data.jobId}?team=${encodeURIComponent(team.id)}`, "data-nav": "", title: t("team.open") }, t("grid.team", { name: team.name || team.id }))
          : h("span", { class: "team-name" }, t("grid.team", { name: team.name || team.id })),
        h("span", { class: "muted" }, ` · ${t("grid.members", { count: group.members.length })}`),
        pattern ? h("span", { class: "pattern" }, t("grid.pattern", { pattern })) : null,
      ),
      days.map((date) => {
        const meetings = (team.meetings || []).filter((m) => meetsOn(m, date));
        const anchor = anchors.has(key(team.id, date));
        return h(
          "td",
          { class: "team-day" },
          meetings.map((m) => h("span", { class: "meeting" }, `▣ ${m.name || t("grid.meeting")} ${m.start}–${m.end}`)),
          anchor ? h("span", { class: "anchor" }, `⚓ ${t("grid.anchor")}`) : null,
        );
      }),
    );
  }

  function cell(employee, date, row, col) {
    const a = cells.get(key(employee.id, date));
    const onLeave = (employee.unavailable || []).includes(date);
    const edit = data.edits?.get(key(employee.id, date));
    const pinned = employee.fixed?.[date];
    const isFrozen = frozen.has(key(employee.id, date)) || Boolean(data.keptBefore && date < data.keptBefore);
    const change = changed.get(key(employee.id, date));
    const location = a ? a.location : onLeave ? "off" : null;
    const label = location ? locationLabel(location, onLeave) : "";
    const marks = [];
    if (pinned) marks.push(["pin", t("grid.pinned")]);
    if (isFrozen) marks.push(["frozen", t("grid.frozen")]);
    if (change) marks.push(["changed", t("grid.changed")]);
    if (edit) marks.push(["pending", `${t("grid.pending")}: ${edit.kind === "leave" ? t("loc.leave") : t(`loc.${edit.location}`)}`]);
    const site = a?.site && sites.length > 1 ? (sites.find((s) => s.id === a.site)?.name || a.site) : null;
    const time = a?.start ? `${a.start}–${a.end}` : "";
    const spoken = [
      `${employee.name || employee.id}, ${shortDate(date)}`,
      label || (pinned ? `${t("grid.pinned")} ${t(`loc.${pinned}`)}` : ""),
      site,
      time,
      a?.hours ? hours(a.hours) : "",
      ...marks.map((m) => m[1]),
    ].filter(Boolean);
    const classes = ["cell", location ? `loc-${onLeave && location === "off" ? "leave" : location}` : "loc-none"];
    if (change) classes.push("changed");
    if (edit) classes.push("pending");
    return h(
      "td",
      {
        role: "gridcell",
        class: classes.join(" "),
        id: cellId(employee.id, date),
        tabindex: "-1",
        "data-employee": employee.id,
        "data-date": date,
        "data-row": row,
        "data-col": col,
        "aria-label": spoken.join(", "),
      },
      label ? h("span", { class: "loc" }, label) : pinned ? h("span", { class: "loc" }, `${t(`loc.${pinned}`)}`) : null,
      site ? h("span", { class: "site" }, site) : null,
      time ? h("span", { class: "time" }, time, a?.hours ? h("span", { class: "hrs" }, ` · ${hours(a.hours)}`) : null) : null,
      marks.length ? h("span", { class: "marks", "aria-hidden": "true" }, marks.map(([kind, text]) => h("span", { class: `badge ${kind}` }, text))) : null,
      change ? h("span", { class: "was" }, `${t("grid.was")} ${cellWords(change.from)}`) : null,
    );
  }

  function render(focus) {
    const rows = visibleRows();
    const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    state.page = Math.min(state.page, pages - 1);
    const first = state.page * PAGE_SIZE;
    const shown = rows.slice(first, first + PAGE_SIZE);
    const body = h("tbody", {});
    let lastGroup = null;
    shown.forEach(({ group, employee }, index) => {
      if (group !== lastGroup) body.append(teamRow(group));
      lastGroup = group;
      const name = employee.name || employee.id;
      body.append(
        h(
          "tr",
          { class: "person", id: `row-${employee.id}` },
          h(
            "th",
            { scope: "row", class: "name" },
            data.jobId && data.assignments.length
              ? navLink(`/jobs/${data.jobId}/employees/${encodeURIComponent(employee.id)}`, name)
              : name,
            h("span", { class: "muted id" }, employee.id),
          ),
          days.map((date, col) => cell(employee, date, index, col)),
        ),
      );
    });
    const cols = h("colgroup", {}, h("col", { class: "names" }), days.map(() => h("col", { class: "day-col" })));
    replace(table, h("caption", { class: "visually-hidden" }, t("grid.caption", { start: shortDate(days[0]), end: shortDate(days.at(-1)) })), cols, header(), body);
    for (const bar of table.querySelectorAll(".bar > span")) bar.style.width = `${bar.dataset.ratio}%`;
    const firstCell = body.querySelector(".cell");
    if (firstCell) firstCell.tabIndex = 0;
    replace(
      pager,
      h("button", { type: "button", id: "page-prev", disabled: state.page === 0, onclick: () => { state.page -= 1; render(); } }, t("grid.prev")),
      h("span", { id: "page-info" }, t("grid.page", { first: rows.length ? first + 1 : 0, last: first + shown.length, total: rows.length })),
      h("button", { type: "button", id: "page-next", disabled: state.page >= pages - 1, onclick: () => { state.page += 1; render(); } }, t("grid.next")),
    );
    pager.hidden = pages === 1;
    if (focus) focus();
  }

  function move(from, dRow, dCol, absolute) {
    const row = Number(from.dataset.row);
    const col = Number(from.dataset.col);
    let target;
    if (absolute === "home") target = table.querySelector(`.cell[data-row="${row}"][data-col="0"]`);
    else if (absolute === "end") target = table.querySelector(`.cell[data-row="${row}"][data-col="${days.length - 1}"]`);
    else target = table.querySelector(`.cell[data-row="${row + dRow}"][data-col="${col + dCol}"]`);
    if (!target) return;
    from.tabIndex = -1;
    target.tabIndex = 0;
    target.focus();
  }

  table.addEventListener("keydown", (event) => {
    const cellNode = event.target.closest?.(".cell");
    if (!cellNode) return;
    const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if (moves[event.key]) move(cellNode, ...moves[event.key]);
    else if (event.key === "Home") move(cellNode, 0, 0, "home");
    else if (event.key === "End") move(cellNode, 0, 0, "end");
    else if ((event.key === "Enter" || event.key === " ") && data.onCell) data.onCell(cellNode.dataset.employee, cellNode.dataset.date, cellNode);
    else return;
    event.preventDefault();
  });
  table.addEventListener("click", (event) => {
    const cellNode = event.target.closest?.(".cell");
    if (!cellNode || !data.onCell) return;
    for (const node of table.querySelectorAll(".cell[tabindex='0']")) node.tabIndex = -1;
    cellNode.tabIndex = 0;
    data.onCell(cellNode.dataset.employee, cellNode.dataset.date, cellNode);
  });
  teamSelect.addEventListener("change", () => {
    state.team = teamSelect.value;
    state.page = 0;
    render();
  });
  search.addEventListener("input", () => {
    state.search = search.value;
    state.page = 0;
    render();
  });

  /** Show and focus what an explanation item is about (switching page or team filter as needed). */
  function reveal(subject) {
    let targetId = null;
    if (subject.employee) {
      state.search = "";
      search.value = "";
      const rows = visibleRows();
      let at = rows.findIndex((row) => row.employee.id === subject.employee);
      if (at < 0) {
        state.team = "";
        teamSelect.value = "";
        at = visibleRows().findIndex((row) => row.employee.id === subject.employee);
      }
      state.page = Math.max(0, Math.floor(at / PAGE_SIZE));
      targetId = subject.date && days.includes(subject.date) ? cellId(subject.employee, subject.date) : `row-${subject.employee}`;
    } else if (subject.team) {
      state.team = subject.team;
      teamSelect.value = subject.team;
      state.page = 0;
      targetId = `team-${subject.team}`;
    } else if (subject.site) targetId = subject.date ? `site-${subject.site}-${subject.date}` : `site-${subject.site}`;
    else if (subject.date) targetId = `day-${subject.date}`;
    render(() => {
      const target = targetId && document.getElementById(targetId);
      if (!target) return;
      for (const node of table.querySelectorAll(".highlight")) node.classList.remove("highlight");
      target.classList.add("highlight");
      if (!target.hasAttribute("tabindex")) target.tabIndex = -1;
      target.scrollIntoView({ block: "center", inline: "center" });
      target.focus({ preventScroll: true });
    });
  }

  render();
  const element = h(
    "section",
    { class: "week", "aria-label": t("grid.caption", { start: shortDate(days[0]), end: shortDate(days.at(-1)) }) },
    h(
      "div",
      { class: "grid-tools" },
      h("label", { for: "team-filter" }, t("grid.filter_team")),
      teamSelect,
      h("label", { for: "person-search" }, t("grid.search")),
      search,
      pager,
    ),
    h("p", { id: "grid-keys", class: "muted small" }, t("grid.keys")),
    legend(),
    wrap,
  );
  return { element, reveal, rerender: () => render() };
}

function legend() {
  return h(
    "ul",
    { class: "legend", "aria-label": t("grid.legend") },
    ["office", "home", "other", "leave", "off"].map((loc) =>
      h("li", { class: `cell loc-${loc}` }, h("span", { class: "loc" }, t(`loc.${loc}`))),
    ),
    h("li", {}, h("span", { class: "badge pin" }, t("grid.pinned"))),
    h("li", {}, h("span", { class: "badge frozen" }, t("grid.frozen"))),
    h("li", {}, h("span", { class: "badge changed" }, t("grid.changed"))),
    h("li", {}, `▣ ${t("grid.meeting")}`),
    h("li", {}, `⚓ ${t("grid.anchor")}`),
  );
}
