// The cell dialog: pin a location or mark leave (pending edits for a re-plan), and ask "Why?".
import { h, replace } from "../dom.js";
import { why, sentences } from "../features/why.js";
import { longDate, t } from "../i18n.js";
import { cellWords, errorBox, feature, hours, locationLabel } from "./common.js";

/** The answer of "Why?": each other location, possible at a cost or impossible because of some rules. */
function whyAnswer(result) {
  if (!Array.isArray(result?.alternatives)) return h("ul", { class: "why" }, sentences(result).map((line) => h("li", {}, line)));
  return h(
    "div",
    {},
    h("h3", {}, t("why.heading")),
    result.current ? h("p", {}, t("why.current", { cell: cellWords(result.current) })) : null,
    h(
      "ul",
      { class: "why" },
      result.alternatives.map((alt) =>
        h(
          "li",
          { "data-location": alt.location, class: alt.possible ? "possible" : "impossible" },
          h("strong", {}, `${locationLabel(alt.location)}: `, alt.possible ? t("why.possible") : t("why.impossible")),
          " ",
          alt.summary || "",
          alt.conflicts?.length ? h("ul", {}, alt.conflicts.map((c) => h("li", {}, c.message))) : null,
          alt.moved?.length ? h("ul", {}, alt.moved.map((m) => h("li", {}, `${m.employee}, ${m.date}: ${cellWords(m.from)} → ${cellWords(m.to)}`))) : null,
        ),
      ),
    ),
  );
}

/** Open the dialog of one cell. ctx: {problem, assignments, edits, onChange()}. */
export function openCell(ctx, employeeId, date, returnFocus) {
  const dialog = document.getElementById("cell-dialog");
  const employee = ctx.problem.employees.find((e) => e.id === employeeId);
  const assignment = ctx.assignments.find((a) => a.employee === employeeId && a.date === date);
  const onLeave = (employee.unavailable || []).includes(date);
  const editKey = `${employeeId}|${date}`;
  const answer = h("div", { id: "why-answer", "aria-live": "polite" });
  const close = () => dialog.close();
  const edit = (value) => {
    if (value) ctx.edits.set(editKey, { employee: employeeId, date, ...value });
    else ctx.edits.delete(editKey);
    close();
    ctx.onChange();
  };
  const current = assignment
    ? [locationLabel(assignment.location, onLeave), assignment.start ? `${assignment.start}–${assignment.end}` : "", assignment.hours ? hours(assignment.hours) : ""]
        .filter(Boolean)
        .join(" · ")
    : onLeave
      ? t("loc.leave")
      : "—";
  const locations = employee.locations || ["office", "home", "other"];
  const pending = ctx.edits.get(editKey);
  replace(
    dialog,
    h(
      "div",
      { class: "stack" },
      h("h2", { id: "cell-title" }, t("edit.heading", { name: employee.name || employee.id, date: longDate(date) })),
      h("p", { class: "current" }, current),
      ctx.canEdit
        ? h(
            "fieldset",
            { class: "pin" },
            h("legend", {}, t("edit.pin")),
            locations.map((loc) =>
              h("button", { type: "button", class: `chip loc-${loc}`, "data-pin": loc, "aria-pressed": String(pending?.location === loc), onclick: () => edit({ kind: "pin", location: loc }) }, t(`loc.${loc}`)),
            ),
            h("button", { type: "button", class: "chip loc-leave", "data-pin": "leave", "aria-pressed": String(pending?.kind === "leave"), onclick: () => edit({ kind: "leave" }) }, t("edit.leave")),
            pending ? h("button", { type: "button", class: "link", onclick: () => edit(null) }, t("edit.clear")) : null,
          )
        : null,
      ctx.assignments.length
        ? h(
            "button",
            {
              type: "button",
              id: "why-button",
              onclick: async () => {
                replace(answer, h("p", { class: "muted" }, t("common.loading")));
                try {
                  const result = await feature(() => why(ctx.problem, ctx.assignments, employeeId, date, pending?.location));
                  replace(answer, whyAnswer(result));
                } catch (error) {
                  replace(answer, errorBox(error));
                }
              },
            },
            t("edit.why"),
          )
        : null,
      answer,
      h("button", { type: "button", class: "close", onclick: close }, t("common.close")),
    ),
  );
  dialog.addEventListener("close", () => returnFocus?.focus(), { once: true });
  dialog.showModal();
}
