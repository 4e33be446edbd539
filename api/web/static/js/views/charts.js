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

/** A line chart of points {x, y, hollow}; hollow points are unproven ones. ``marker`` {x, label}
 * draws a vertical line (today's desks), the x axis extended to include it. */
export function lineChart({ points, xLabel, yLabel, title, id, marker = null }) {
  const usable = points.filter((p) => p.y !== null && p.y !== undefined);
  const xs = points.map((p) => p.x).concat(marker ? [marker.x] : []);
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
    marker
      ? [
          svg("line", { x1: x(marker.x), x2: x(marker.x), y1: PAD.top, y2: H - PAD.bottom, class: "marker" }),
          svg("text", { x: x(marker.x) - 4, y: PAD.top + 12, class: "label marker-label", "text-anchor": "end" }, marker.label),
        ]
      : null,
    svg("path", { d: path, class: "line" }),
    usable.map((p) =>
      svg("circle", { cx: x(p.x), cy: y(p.y), r: 4.5, class: p.hollow ? "point hollow" : "point" }, svg("title", {}, `${p.x}: ${p.y}`)),
    ),
  );
}

/** Grouped bars: groups [{label, values: [n…]}], one colour per series; ``line`` {y, label} draws a
 * horizontal reference (today's desks), the y axis extended to include it. */
export function barChart({ groups, series, title, id, line = null }) {
  const values = groups.flatMap((g) => g.values.filter((v) => v !== null)).concat(line ? [line.y] : []);
  const max = Math.max(1, ...values);
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
    line
      ? [
          svg("line", { x1: PAD.left, x2: W - PAD.right, y1: y(line.y), y2: y(line.y), class: "marker" }),
          svg("text", { x: W - PAD.right, y: y(line.y) - 4, class: "label marker-label", "text-anchor": "end" }, line.label),
        ]
      : null,
    legend(series),
  );
}

/** One legend entry per series, each placed after the one before (about 7 px per character). */
function legend(series) {
  let left = PAD.left;
  return series.map((name, s) => {
    const at = left;
    left += 14 + name.length * 7 + 24;
    return [
      svg("rect", { x: at, y: H - 14, width: 10, height: 10, class: `bar s${s}` }),
      svg("text", { x: at + 14, y: H - 5, class: "label" }, name),
    ];
  });
}
