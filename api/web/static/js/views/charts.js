// Small SVG charts drawn by hand (no chart library to vendor): a line chart and a grouped bar chart.
// Each chart has a text alternative (aria-label) and is followed by its data as a table by the caller.
import { svg } from "../dom.js";
import { number } from "../i18n.js";

const W = 560;
const H = 260;
const PAD = { left: 56, right: 16, top: 16, bottom: 44 };

function scale(min, max, from, to) {
  const span = max - min || 1;
  return (value) => from + ((value - min) / span) * (to - from);
}

function ticks(min, max, count = 5) {
  if (min === max) return [min];
  const step = Math.max(1, Math.ceil((max - min) / count));
  const out = [];
  for (let v = Math.floor(min); v <= max; v += step) out.push(v);
  return out;
}

/** A line chart of points {x, y, hollow}; hollow points are unproven ones. */
export function lineChart({ points, xLabel, yLabel, title, id }) {
  const usable = points.filter((p) => p.y !== null && p.y !== undefined);
  const xs = points.map((p) => p.x);
  const ys = usable.map((p) => p.y);
  const x = scale(Math.min(...xs), Math.max(...xs), PAD.left, W - PAD.right);
  const yMin = Math.min(0, ...ys);
  const yMax = Math.max(1, ...ys);
  const y = scale(yMin, yMax, H - PAD.bottom, PAD.top);
  const path = usable.map((p, i) => `${i ? "L" : "M"}${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`).join(" ");
  return svg(
    "svg",
    { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-label": title, id },
    svg("title", {}, title),
    svg("line", { x1: PAD.left, y1: H - PAD.bottom, x2: W - PAD.right, y2: H - PAD.bottom, class: "axis" }),
    svg("line", { x1: PAD.left, y1: PAD.top, x2: PAD.left, y2: H - PAD.bottom, class: "axis" }),
    ticks(Math.min(...xs), Math.max(...xs), 10).map((v) =>
      svg("text", { x: x(v), y: H - PAD.bottom + 16, class: "tick", "text-anchor": "middle" }, number(v, 0)),
    ),
    ticks(yMin, yMax).map((v) => [
      svg("line", { x1: PAD.left, x2: W - PAD.right, y1: y(v), y2: y(v), class: "gridline" }),
      svg("text", { x: PAD.left - 6, y: y(v) + 4, class: "tick", "text-anchor": "end" }, number(v, 0)),
    ]),
    svg("text", { x: (PAD.left + W - PAD.right) / 2, y: H - 6, class: "label", "text-anchor": "middle" }, xLabel),
    svg("text", { x: 14, y: (PAD.top + H - PAD.bottom) / 2, class: "label", "text-anchor": "middle", transform: `rotate(-90 14 ${(PAD.top + H - PAD.bottom) / 2})` }, yLabel),
    svg("path", { d: path, class: "line" }),
    usable.map((p) =>
      svg("circle", { cx: x(p.x), cy: y(p.y), r: 4.5, class: p.hollow ? "point hollow" : "point" }, svg("title", {}, `${p.x}: ${p.y}`)),
    ),
  );
}

/** Grouped bars: groups [{label, values: [n…]}], one colour per series. */
export function barChart({ groups, series, title, id }) {
  const max = Math.max(1, ...groups.flatMap((g) => g.values.filter((v) => v !== null)));
  const y = scale(0, max, H - PAD.bottom, PAD.top);
  const band = (W - PAD.left - PAD.right) / Math.max(1, groups.length);
  const bar = Math.min(36, (band * 0.8) / series.length);
  return svg(
    "svg",
    { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-label": title, id },
    svg("title", {}, title),
    svg("line", { x1: PAD.left, y1: H - PAD.bottom, x2: W - PAD.right, y2: H - PAD.bottom, class: "axis" }),
    ticks(0, max).map((v) => [
      svg("line", { x1: PAD.left, x2: W - PAD.right, y1: y(v), y2: y(v), class: "gridline" }),
      svg("text", { x: PAD.left - 6, y: y(v) + 4, class: "tick", "text-anchor": "end" }, number(v, 0)),
    ]),
    groups.map((g, i) => {
      const left = PAD.left + i * band + (band - bar * series.length) / 2;
      return [
        g.values.map((v, s) =>
          v === null
            ? null
            : svg("rect", { x: left + s * bar, y: y(v), width: bar - 2, height: H - PAD.bottom - y(v), class: `bar s${s}` }, svg("title", {}, `${g.label} · ${series[s]}: ${number(v)}`)),
        ),
        svg("text", { x: PAD.left + i * band + band / 2, y: H - PAD.bottom + 16, class: "tick", "text-anchor": "middle" }, g.label),
      ];
    }),
    series.map((name, s) => [
      svg("rect", { x: PAD.left + s * 150, y: H - 14, width: 10, height: 10, class: `bar s${s}` }),
      svg("text", { x: PAD.left + s * 150 + 14, y: H - 5, class: "label" }, name),
    ]),
  );
}
