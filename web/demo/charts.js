// SPDX-License-Identifier: MIT
// Small canvas charts for the demo (no chart library): a line chart (loss curve, ROC) and a
// probability heatmap with points (decision boundary). Each sizes its canvas to the CSS box
// times devicePixelRatio, so lines and text stay crisp on high-density screens.

export const CLASS_COLORS = ['#2f6fd6', '#d6452f', '#2a9d5b', '#9b59b6', '#e08e0b', '#16a0a8', '#7f7f7f', '#c2185b'];
const AXIS = '#555';
const GRID = '#e3e6ea';
const FONT = '12px system-ui, -apple-system, "Segoe UI", sans-serif';

/** Sizes the canvas backing store to its CSS size × devicePixelRatio; returns a context in CSS px. */
function setup(canvas) {
  const dpr = globalThis.devicePixelRatio || 1;
  const width = Math.max(160, canvas.clientWidth || Number(canvas.getAttribute('width')) || 320);
  const height = Math.max(120, canvas.clientHeight || Number(canvas.getAttribute('height')) || 220);
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.font = FONT;
  return { ctx, width, height };
}

/** Up to ~6 round tick values covering [lo, hi]. */
function ticks(lo, hi, count = 5) {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

/** Ticks of a log axis: powers of ten, or 1-2-5 (then 1…9) multiples when the range is short. */
function logTicks(lo, hi) {
  for (const mantissas of [[1], [1, 2, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]]) {
    const out = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
      for (const m of mantissas) {
        const v = m * 10 ** e;
        if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v);
      }
    }
    if (out.length >= 3 || mantissas.length === 9) return out;
  }
  return [];
}

const tickLabel = (v) => {
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(0).replace('-', '−');
  return String(Number(v.toPrecision(4))).replace('-', '−');
};

function frame(ctx, width, height, { xRange, yRange, xLabel, yLabel, logY = false }) {
  const pad = { left: 52, right: 12, top: 10, bottom: 36 };
  const plot = { x: pad.left, y: pad.top, w: width - pad.left - pad.right, h: height - pad.top - pad.bottom };
  const [x0, x1] = xRange;
  const [y0, y1] = yRange;
  const fy = logY ? (v) => Math.log10(v) : (v) => v;
  const sx = (v) => plot.x + ((v - x0) / (x1 - x0 || 1)) * plot.w;
  const sy = (v) => plot.y + plot.h - ((fy(v) - fy(y0)) / (fy(y1) - fy(y0) || 1)) * plot.h;
  ctx.lineWidth = 1;
  ctx.fillStyle = AXIS;
  ctx.strokeStyle = GRID;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const v of ticks(x0, x1)) {
    const x = Math.round(sx(v)) + 0.5;
    ctx.beginPath(); ctx.moveTo(x, plot.y); ctx.lineTo(x, plot.y + plot.h); ctx.stroke();
    ctx.fillText(tickLabel(v), x, plot.y + plot.h + 4);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  const yTicks = logY ? logTicks(y0, y1) : ticks(y0, y1, 4);
  let lastLabel = Infinity; // labels closer than 14 px to the previous one are left out (grid lines stay)
  for (const v of yTicks) {
    const y = Math.round(sy(v)) + 0.5;
    ctx.beginPath(); ctx.moveTo(plot.x, y); ctx.lineTo(plot.x + plot.w, y); ctx.stroke();
    if (Math.abs(lastLabel - y) < 14) continue;
    ctx.fillText(tickLabel(v), plot.x - 6, y);
    lastLabel = y;
  }
  ctx.strokeStyle = AXIS;
  ctx.strokeRect(plot.x + 0.5, plot.y + 0.5, plot.w, plot.h);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText(xLabel, plot.x + plot.w / 2, height - 2);
  ctx.save();
  ctx.translate(12, plot.y + plot.h / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(yLabel, 0, 0);
  ctx.restore();
  return { plot, sx, sy };
}

/**
 * Draws lines. series: [{ points: [[x, y], …], color, label, dash? }].
 * options: { xLabel, yLabel, xRange?, yRange?, diagonal?, logY?, legend? } (legend: true for the
 * bottom right corner, 'top' for the top right one)
 */
export function drawLineChart(canvas, series, options) {
  const { ctx, width, height } = setup(canvas);
  const all = series.flatMap((s) => s.points);
  const finite = all.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && (!options.logY || y > 0));
  const xs = finite.map((p) => p[0]);
  const ys = finite.map((p) => p[1]);
  let xRange = options.xRange ?? [Math.min(0, ...xs), Math.max(1, ...xs)];
  let yRange = options.yRange ?? [Math.min(...ys), Math.max(...ys)];
  if (!finite.length) yRange = [0, 1];
  if (!(yRange[1] > yRange[0])) yRange = options.logY ? [yRange[0] / 2, yRange[0] * 2] : [yRange[0] - 0.5, yRange[0] + 0.5];
  else if (!options.yRange) { // a margin of 4 % (of the log range on a log axis), so lines do not run along the frame
    const [lo, hi] = options.logY ? yRange.map(Math.log10) : yRange;
    const pad = (hi - lo) * 0.04;
    yRange = options.logY ? [10 ** (lo - pad), 10 ** (hi + pad)] : [lo - pad, hi + pad];
  }
  if (!(xRange[1] > xRange[0])) xRange = [xRange[0], xRange[0] + 1];
  const { plot, sx, sy } = frame(ctx, width, height, { ...options, xRange, yRange });
  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.x, plot.y, plot.w, plot.h);
  ctx.clip();
  if (options.diagonal) {
    ctx.strokeStyle = '#c8ccd2';
    ctx.lineWidth = 1;
    ctx.setLineDash([2, 3]);
    ctx.beginPath(); ctx.moveTo(sx(0), sy(0)); ctx.lineTo(sx(1), sy(1)); ctx.stroke();
  }
  for (const s of series) {
    ctx.strokeStyle = s.color;
    ctx.lineWidth = 2;
    ctx.setLineDash(s.dash ?? []);
    ctx.beginPath();
    s.points.forEach(([x, y], i) => (i ? ctx.lineTo(sx(x), sy(y)) : ctx.moveTo(sx(x), sy(y))));
    ctx.stroke();
  }
  ctx.restore();
  if (options.legend) {
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    const labelled = series.filter((s) => s.label);
    let y = options.legend === 'top' ? plot.y + 12 : plot.y + plot.h - 12 - 16 * (labelled.length - 1);
    const textWidth = Math.max(...labelled.map((s) => ctx.measureText(s.label).width));
    const x = Math.max(plot.x + 4, plot.x + plot.w - textWidth - 34);
    ctx.fillStyle = 'rgb(255 255 255 / 0.85)';
    ctx.fillRect(x - 4, y - 9, textWidth + 32, 16 * labelled.length + 2);
    for (const s of labelled) {
      ctx.strokeStyle = s.color;
      ctx.lineWidth = 2;
      ctx.setLineDash(s.dash ?? []);
      ctx.beginPath(); ctx.moveTo(x, y); ctx.lineTo(x + 18, y); ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = '#222';
      ctx.fillText(s.label, x + 24, y);
      y += 16;
    }
  }
}

/** Mixes white into a hex colour: t = 0 white, 1 the colour. Returns [r, g, b]. */
function tint(hex, t) {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => Math.round(255 + (c - 255) * t));
}

/**
 * Decision-boundary plot. grid: { nx, ny, xRange, yRange, probabilities: n×k row-major
 * (cell i = iy·nx + ix, iy = 0 at the bottom), k }. points: [{ x, y, cls }].
 * Binary: shades from class 0's colour (p = 0) through white (p = 0.5) to class 1's (p = 1),
 * with the p = 0.5 contour. k ≥ 3: the most probable class, paler where it is less certain.
 */
export function drawBoundary(canvas, grid, points, { xLabel, yLabel }) {
  const { ctx, width, height } = setup(canvas);
  const { plot, sx, sy } = frame(ctx, width, height, { xRange: grid.xRange, yRange: grid.yRange, xLabel, yLabel });
  const { nx, ny, k, probabilities: P } = grid;
  const image = new ImageData(nx, ny);
  for (let iy = 0; iy < ny; iy++) {
    for (let ix = 0; ix < nx; ix++) {
      const cell = iy * nx + ix;
      let rgb;
      if (k === 2) {
        const p = P[cell * 2 + 1];
        rgb = p >= 0.5 ? tint(CLASS_COLORS[1], (p - 0.5) * 0.9) : tint(CLASS_COLORS[0], (0.5 - p) * 0.9);
      } else {
        let best = 0;
        for (let c = 1; c < k; c++) if (P[cell * k + c] > P[cell * k + best]) best = c;
        rgb = tint(CLASS_COLORS[best % CLASS_COLORS.length], Math.max(0, (P[cell * k + best] - 1 / k) / (1 - 1 / k)) * 0.45 + 0.05);
      }
      const o = ((ny - 1 - iy) * nx + ix) * 4; // image rows run top to bottom
      image.data[o] = rgb[0]; image.data[o + 1] = rgb[1]; image.data[o + 2] = rgb[2]; image.data[o + 3] = 255;
    }
  }
  // Scale the small probability image into the plot area (smoothed: the shading is continuous).
  const off = new OffscreenCanvas(nx, ny);
  off.getContext('2d').putImageData(image, 0, 0);
  ctx.save();
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(off, plot.x + 1, plot.y + 1, plot.w - 1, plot.h - 1);
  ctx.beginPath();
  ctx.rect(plot.x, plot.y, plot.w, plot.h);
  ctx.clip();
  for (const p of points) {
    ctx.beginPath();
    ctx.arc(sx(p.x), sy(p.y), 3, 0, 2 * Math.PI);
    ctx.fillStyle = CLASS_COLORS[p.cls % CLASS_COLORS.length];
    ctx.fill();
    ctx.lineWidth = 1;
    ctx.strokeStyle = '#fff';
    ctx.stroke();
  }
  ctx.restore();
  ctx.strokeStyle = AXIS;
  ctx.strokeRect(plot.x + 0.5, plot.y + 0.5, plot.w, plot.h);
}
