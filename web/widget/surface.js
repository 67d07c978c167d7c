// SPDX-License-Identifier: MIT
// The loss-surface panel: contour lines of J over two parameters (from model.lossSurface) with
// the descent path on top, drawn with the demo's line chart (each contour segment is a series).

import { drawLineChart } from '../demo/charts.js';

/**
 * Marching squares: the segments where the bilinear interpolant of the grid crosses `level`.
 * values: { data, rows, cols } with data[a·cols + b] = J(xs[a], ys[b]).
 * On each cell edge with endpoint values v₀, v₁ on opposite sides of the level, the crossing is
 * at t = (level − v₀)/(v₁ − v₀) along the edge. A cell crossed on four edges (a saddle) is
 * joined in the order the edges are visited, which is enough for a picture.
 */
export function contourSegments(values, xs, ys, level) {
  const { data, cols } = values;
  const v = (a, b) => data[a * cols + b];
  const segments = [];
  for (let a = 0; a + 1 < xs.length; a++) {
    for (let b = 0; b + 1 < ys.length; b++) {
      // Corners counter-clockwise: (a, b), (a+1, b), (a+1, b+1), (a, b+1).
      const corners = [[a, b], [a + 1, b], [a + 1, b + 1], [a, b + 1]];
      const crossings = [];
      for (let e = 0; e < 4; e++) {
        const [a0, b0] = corners[e];
        const [a1, b1] = corners[(e + 1) % 4];
        const v0 = v(a0, b0);
        const v1 = v(a1, b1);
        if ((v0 < level) === (v1 < level)) continue;
        const t = (level - v0) / (v1 - v0);
        crossings.push([xs[a0] + t * (xs[a1] - xs[a0]), ys[b0] + t * (ys[b1] - ys[b0])]);
      }
      for (let k = 0; k + 1 < crossings.length; k += 2) segments.push([crossings[k], crossings[k + 1]]);
    }
  }
  return segments;
}

/** A range [lo, hi] covering the values with a margin (at least `minSpan` wide). */
export function paddedRange(values, minSpan = 1) {
  const finite = values.filter(Number.isFinite);
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  const margin = Math.max((hi - lo) * 0.2, (minSpan - (hi - lo)) / 2, 0);
  lo -= margin;
  hi += margin;
  return [lo, hi];
}

/** Mixes two hex colours: t = 0 gives a, 1 gives b. */
function mix(a, b, t) {
  const ca = parseInt(a.slice(1), 16);
  const cb = parseInt(b.slice(1), 16);
  const channel = (shift) => Math.round(((ca >> shift) & 255) * (1 - t) + ((cb >> shift) & 255) * t);
  return `rgb(${channel(16)} ${channel(8)} ${channel(0)})`;
}

const LEVELS = 12;

/**
 * Draws the contours and the path.
 * @param {HTMLCanvasElement} canvas
 * @param {{values, xs, ys}} surface  model.lossSurface's answer
 * @param {{path: number[][], optimum?: number[]|null, overshoot?: number[][]|null, xLabel: string, yLabel: string}} o
 */
export function drawSurface(canvas, surface, { path, optimum = null, overshoot = null, xLabel, yLabel }) {
  const { values, xs, ys } = surface;
  const finite = Array.from(values.data).filter(Number.isFinite);
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const series = [];
  // Levels crowd towards the minimum (quadratic spacing), where the path ends.
  for (let l = 1; l < LEVELS; l++) {
    const t = (l / LEVELS) ** 2;
    const color = mix('#1d4f91', '#c9d6ea', l / LEVELS);
    for (const segment of contourSegments(values, xs, ys, lo + (hi - lo) * t)) series.push({ points: segment, color });
  }
  const cross = ([x, y], color, label) => {
    const dx = (xs.at(-1) - xs[0]) / 60;
    const dy = (ys.at(-1) - ys[0]) / 60;
    series.push({ points: [[x - dx, y - dy], [x + dx, y + dy]], color, label });
    series.push({ points: [[x - dx, y + dy], [x + dx, y - dy]], color });
  };
  if (optimum) cross(optimum, '#2a9d5b', 'minimum');
  if (overshoot) series.push({ points: overshoot, color: '#d6452f', dash: [5, 4], label: 'rejected step' });
  if (path.length) {
    series.push({ points: path, color: '#111', label: `descent path (${path.length - 1} step${path.length === 2 ? '' : 's'})` });
    cross(path.at(-1), '#111');
  }
  drawLineChart(canvas, series, { xLabel, yLabel, xRange: [xs[0], xs.at(-1)], yRange: [ys[0], ys.at(-1)], legend: true });
}
