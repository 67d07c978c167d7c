// SPDX-License-Identifier: MIT
// <logreg-playground>: binary logistic regression for lessons, as one custom element.
//
//   <script type="module" src="…/web/widget/playground.js"></script>
//   <logreg-playground example="iris" mode="step" panels="formulas surface boundary" locked="solver">
//   </logreg-playground>
//
// Every instance imports the same package module (../src/index.js), so a page with several
// widgets instantiates the wasm module once. The element renders into a Shadow DOM styled by
// playground.css (a <link> to a same-origin file: works under `style-src 'self'`); user data is
// only ever written with textContent, formulas are MathML built node by node (math.js).
//
// The model is the textbook one: ŷ = σ(wᵀx + b), J = −(1/n) Σ [y log ŷ + (1 − y) log(1 − ŷ)],
// ∇w J = (1/n) Σ (ŷ − y) x, ∂J/∂b = (1/n) Σ (ŷ − y), and gradient descent w ← w − α∇w J. In step
// mode every number in the formula panel is a field of what model.step() returned (the exact
// value is in each number's data-value), never recomputed here.
//
// Attributes, events and their payloads are documented in index.html and events.schema.json.
import { LogisticModel, accuracy, logLoss, rocAuc } from '../src/index.js';
import { drawBoundary, drawLineChart, CLASS_COLORS } from '../demo/charts.js';
import { EXAMPLES, fetchSource, selectColumns } from './data.js';
import { drawSurface, paddedRange } from './surface.js';
import { compareLosses, drawLossComparison, drawRace, raceSolvers, SOLVER_NAMES } from './compare.js';
import { el as m, frac, formatNumber, math, mi, mo, mspace, nabla, num, paren, row, scalar, sub, sum, sup, vector } from './math.js';

const STYLESHEET = new URL('./playground.css', import.meta.url).href;

/** Attributes that change which rows and columns are used (the data is reloaded). */
const DATA_ATTRIBUTES = ['src', 'example', 'target', 'features', 'positive'];
/** Attributes that change the training (the model is reset). */
const TRAINING_ATTRIBUTES = ['solver', 'learning-rate', 'iterations', 'penalty', 'penalty-type', 'loss', 'standardize', 'tolerance'];
/** Attributes that change only what is shown. */
const VIEW_ATTRIBUTES = ['mode', 'panels', 'locked', 'compare', 'heading'];

/** The events the element dispatches (CustomEvent, bubbles, composed); see events.schema.json. */
export const EVENTS = Object.freeze(['ready', 'step', 'converged', 'diverged', 'fitted', 'error']);
export const PANELS = Object.freeze(['upload', 'settings', 'formulas', 'surface', 'boundary', 'loss', 'metrics', 'coefficients', 'gradcheck']);
export const CONTROLS = Object.freeze(['dataset', 'upload', 'target', 'features', 'solver', 'learning-rate', 'iterations', 'penalty', 'loss', 'standardize']);
const DEFAULT_PANELS = { train: ['settings', 'boundary', 'loss', 'metrics', 'coefficients'], step: ['settings', 'formulas', 'surface', 'boundary', 'loss'] };
const SOLVERS = ['gd', 'newton', 'lbfgs', 'sgd', 'auto'];
const PANEL_TITLES = {
  upload: 'Your data', settings: 'Settings', formulas: 'One step of the solver', surface: 'Cost surface and descent path',
  boundary: 'Decision boundary', loss: 'Cost per iteration', metrics: 'Metrics (training data)', coefficients: 'Coefficients',
  gradcheck: 'Gradient check', 'compare-loss': 'Cross-entropy vs squared error', 'compare-solvers': 'Solvers racing on the same data',
};
/** The most steps one click (or the play loop) takes between two drawings. */
const PLAY_STEPS_PER_FRAME = 1;

const list = (value) => (value ?? '').split(/[\s,]+/).filter(Boolean);
const plain = (v) => Array.from(v);
const html = (tag, props = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k in node && typeof v !== 'string') node[k] = v;
    else node.setAttribute(k, v);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
};

/** Parses a number attribute: null when absent, an Error message when malformed. */
function numberAttribute(el, name, { min = -Infinity, integer = false, exclusiveMin = false } = {}) {
  const raw = el.getAttribute(name);
  if (raw === null || raw.trim() === '') return null;
  const v = Number(raw);
  const ok = Number.isFinite(v) && (exclusiveMin ? v > min : v >= min) && (!integer || Number.isInteger(v));
  if (!ok) throw new Error(`${name} must be ${integer ? 'an integer' : 'a number'} ${exclusiveMin ? '>' : '≥'} ${min}, got "${raw}"`);
  return v;
}

export class LogregPlayground extends HTMLElement {
  static observedAttributes = [...DATA_ATTRIBUTES, ...TRAINING_ATTRIBUTES, ...VIEW_ATTRIBUTES];

  #root;
  #ui = {};
  #dataset = null;       // selectColumns() answer
  #uploaded = null;      // { name, text } of a file chosen in the upload panel
  #model = null;
  #options = null;       // what the LogisticModel was constructed with
  #suggested = NaN;      // 1/L for these data and options
  #path = [];            // [θi, θj] in the units of X, one point per state (start first)
  #last = null;          // { result, before, after } of the last step
  #halt = null;          // 'converged' | 'diverged' | 'limit' once stepping must stop
  #overshoot = null;     // the rejected step of a divergence, for the surface
  #optimum = undefined;  // θ* in the units of X (null if none exists), computed lazily
  #race = null;
  #lossRuns = null;      // the cross-entropy vs squared-error runs, for these data and options
  #playing = 0;          // requestAnimationFrame id while playing
  #pending = null;       // { data } while a configuration is scheduled
  #loadToken = 0;
  #error = null;
  #resize = null;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
  }

  connectedCallback() {
    if (!this.#ui.frame) this.#build();
    this.#resize ??= new ResizeObserver(() => this.#draw());
    this.#resize.observe(this.#ui.frame);
    this.#schedule(true);
  }

  disconnectedCallback() {
    this.pause();
    this.#resize?.disconnect();
    this.#model?.dispose();
    this.#model = null;
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || !this.isConnected || !this.#ui.frame) return;
    this.#schedule(DATA_ATTRIBUTES.includes(name), !TRAINING_ATTRIBUTES.includes(name) && !DATA_ATTRIBUTES.includes(name));
  }

  // ---- public API --------------------------------------------------------------------------

  /** The rows and columns in use: X ({ data, rows, cols }, units of the file), y (true = positive). */
  get data() {
    const d = this.#dataset;
    if (!d) return null;
    return {
      X: { data: d.X.data.slice(), rows: d.X.rows, cols: d.X.cols }, y: d.y.slice(),
      featureNames: [...d.features], target: d.target, classNames: [...d.classNames],
    };
  }

  /** The options the widget's LogisticModel was constructed with (learningRate resolved). */
  get trainingOptions() {
    return this.#options ? { ...this.#options } : null;
  }

  /** Whether the element has loaded its data and is ready to train. */
  get ready() {
    return Boolean(this.#model) && !this.#error;
  }

  /** Takes up to `count` steps of the solver (step mode); returns the last StepResult. */
  step(count = 1) {
    if (!this.ready || this.#halt) return null;
    this.#gradcheck(null); // it was computed at the old parameters
    let result = null;
    try {
      for (let k = 0; k < count && !this.#halt; k++) result = this.#stepOnce();
    } catch (e) {
      // e.g. Newton on the squared error (not convex): shown in the widget and as an `error` event.
      this.pause();
      this.#fail(e);
      return null;
    }
    this.#render();
    return result;
  }

  /** Fits to convergence or `iterations` (train mode's Train button). */
  train() {
    if (!this.ready) return null;
    this.pause();
    this.#newModel(); // also clears the gradient check
    const { X, y } = this.#dataset;
    let report;
    try {
      report = this.#model.fit(X, y, { recordWeights: true });
    } catch (e) {
      this.#fail(e);
      return null;
    }
    this.#path = this.#model.history.map((h) => this.#surfacePoint(h.parameters, h.parameters.at(-1)));
    const diverged = report.warnings.find((w) => w.code === 'diverged');
    this.#halt = diverged ? 'diverged' : report.converged ? 'converged' : null;
    this.#render();
    if (diverged) this.#emit('diverged', this.#divergedDetail(report.iterations, report.loss, diverged.message));
    if (report.converged) this.#emit('converged', this.#stateDetail(report.iterations, report.loss));
    this.#emit('fitted', {
      ...this.#stateDetail(report.iterations, report.loss), converged: report.converged, solver: report.solver,
      warnings: report.warnings.map(({ code, message }) => ({ code, message })), metrics: this.#metrics(),
    });
    return report;
  }

  /** Back to w = b = 0. */
  reset() {
    this.pause();
    if (this.#dataset) this.#newModel();
    this.#render();
  }

  play() {
    if (!this.ready || this.#playing || this.#halt) return;
    const frame = () => {
      this.step(PLAY_STEPS_PER_FRAME);
      this.#playing = this.#halt ? 0 : requestAnimationFrame(frame);
      this.#updateButtons();
    };
    this.#playing = requestAnimationFrame(frame);
    this.#updateButtons();
  }

  pause() {
    if (this.#playing) cancelAnimationFrame(this.#playing);
    this.#playing = 0;
    this.#updateButtons();
  }

  // ---- configuration -----------------------------------------------------------------------

  get #mode() {
    return this.getAttribute('mode') === 'step' ? 'step' : 'train';
  }

  get #locked() {
    return new Set(list(this.getAttribute('locked')));
  }

  get #panels() {
    const asked = this.getAttribute('panels');
    const shown = new Set(asked === null ? DEFAULT_PANELS[this.#mode] : list(asked));
    for (const c of list(this.getAttribute('compare'))) shown.add(`compare-${c}`);
    return shown;
  }

  /** Coalesces attribute changes into one reconfiguration per task. */
  #schedule(data, viewOnly = false) {
    if (this.#pending) {
      this.#pending.data ||= data;
      this.#pending.viewOnly &&= viewOnly;
      return;
    }
    this.#pending = { data: data || !this.#dataset, viewOnly: viewOnly && Boolean(this.#dataset) };
    queueMicrotask(() => this.#configure());
  }

  async #configure() {
    const { data, viewOnly } = this.#pending;
    this.#pending = null;
    this.pause();
    const token = ++this.#loadToken;
    try {
      this.#error = null;
      this.#validateView();
      if (data) {
        this.#status('Loading data…');
        const text = this.#uploaded?.text ?? await fetchSource({ example: this.getAttribute('example'), src: this.getAttribute('src') }, document.baseURI);
        if (token !== this.#loadToken) return;
        this.#dataset = selectColumns(text, {
          example: this.#uploaded ? null : (this.getAttribute('src') ? null : this.getAttribute('example') || 'synthetic'),
          target: this.getAttribute('target'), features: this.#featureNames(),
          positive: this.getAttribute('positive'),
        });
        this.#optimum = undefined;
      }
      if (!viewOnly || !this.#model) this.#newModel();
      this.#race = null;
      this.#render();
      if (data || !viewOnly) this.#emit('ready', this.#readyDetail());
    } catch (e) {
      if (token !== this.#loadToken) return;
      this.#fail(e);
    }
  }

  /** The `features` attribute: column names separated by commas (names may hold spaces). */
  #featureNames() {
    const names = (this.getAttribute('features') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    return names.length ? names : null;
  }

  #validateView() {
    const mode = this.getAttribute('mode');
    if (mode !== null && mode !== 'step' && mode !== 'train') throw new Error(`mode must be "train" or "step", got "${mode}"`);
    const unknownPanel = list(this.getAttribute('panels')).find((p) => !PANELS.includes(p));
    if (unknownPanel) throw new Error(`panels: unknown panel "${unknownPanel}" (known: ${PANELS.join(', ')})`);
    const unknownLock = list(this.getAttribute('locked')).find((c) => !CONTROLS.includes(c) && c !== 'all');
    if (unknownLock) throw new Error(`locked: unknown control "${unknownLock}" (known: all, ${CONTROLS.join(', ')})`);
    const unknownCompare = list(this.getAttribute('compare')).find((c) => c !== 'loss' && c !== 'solvers');
    if (unknownCompare) throw new Error(`compare: unknown comparison "${unknownCompare}" (known: loss, solvers)`);
  }

  /** The LogisticModel options from the attributes (learningRate 'auto' resolved to 1/L). */
  #readOptions() {
    const solver = this.getAttribute('solver') ?? 'gd';
    if (!SOLVERS.includes(solver)) throw new Error(`solver must be one of ${SOLVERS.join(', ')}, got "${solver}"`);
    const loss = this.getAttribute('loss') ?? 'log';
    if (loss !== 'log' && loss !== 'squared') throw new Error(`loss must be "log" or "squared", got "${loss}"`);
    const penaltyType = this.getAttribute('penalty-type') ?? 'l2';
    if (penaltyType !== 'l1' && penaltyType !== 'l2') throw new Error(`penalty-type must be "l2" or "l1", got "${penaltyType}"`);
    const options = {
      solver, loss,
      maxIterations: numberAttribute(this, 'iterations', { min: 1, integer: true }) ?? 1000,
      tolerance: numberAttribute(this, 'tolerance', { min: 0 }) ?? 1e-6,
      standardize: this.hasAttribute('standardize') && this.getAttribute('standardize') !== 'false',
      [penaltyType]: numberAttribute(this, 'penalty', { min: 0 }) ?? 0,
    };
    const probe = new LogisticModel(options);
    try {
      this.#suggested = probe.suggestLearningRate(this.#dataset.X, this.#dataset.y);
    } finally {
      probe.dispose();
    }
    const rate = this.getAttribute('learning-rate');
    options.learningRate = rate === null || rate.trim() === '' || rate.trim() === 'auto' ? this.#suggested
      : numberAttribute(this, 'learning-rate', { min: 0, exclusiveMin: true });
    return options;
  }

  #newModel() {
    const options = this.#readOptions();
    this.#model?.dispose();
    this.#model = null;
    this.#model = new LogisticModel(options);
    this.#options = options;
    this.#path = [this.#surfacePoint(new Float64Array(this.#dataset.X.cols), 0)];
    this.#last = null;
    this.#halt = null;
    this.#overshoot = null;
    this.#lossRuns = null;
    this.#gradcheck(null);
  }

  #fail(error) {
    this.#error = error.message;
    this.#model?.dispose();
    this.#model = null;
    this.#render();
    this.#emit('error', { message: error.message });
  }

  // ---- stepping ----------------------------------------------------------------------------

  /** θ in the solver's coordinates (standardized units with `standardize`): what step() moves. */
  #solverParameters() {
    const d = this.#dataset.X.cols;
    if (!this.#model.fitted) return { weights: new Float64Array(d), intercept: 0 };
    if (this.#options.standardize) {
      return { weights: this.#model.standardizedCoefficients.data.slice(0, d), intercept: this.#model.standardizedIntercepts[0] };
    }
    return { weights: this.#model.coefficients, intercept: this.#model.intercept };
  }

  #stepOnce() {
    const { X, y } = this.#dataset;
    const before = this.#solverParameters();
    const result = this.#model.step(X, y);
    const after = this.#solverParameters();
    this.#last = { result, before, after };
    if (result.moved) this.#path.push(this.#surfacePoint(this.#model.coefficients, this.#model.intercept));
    this.#emit('step', {
      ...this.#stateDetail(result.iteration, result.lossAfter), lossBefore: result.lossBefore,
      gradientNorm: result.gradientNorm, stepSize: result.stepSize, moved: result.moved,
      converged: result.converged, diverged: result.diverged,
      gradient: { weights: plain(result.gradient.weights), intercept: result.gradient.intercept },
      update: { weights: plain(result.step.weights), intercept: result.step.intercept },
    });
    if (result.diverged) {
      this.#halt = 'diverged';
      this.#last.rejected = this.#rejectedStep(before, result);
      const rejected = this.#last.rejected;
      this.#overshoot = rejected && !this.#options.standardize
        ? [this.#surfacePoint(before.weights, before.intercept), this.#surfacePoint(rejected.weights, rejected.intercept)] : null;
      this.#emit('diverged', this.#divergedDetail(result.iteration, result.lossAfter, this.#divergenceMessage()));
    } else if (result.converged) {
      this.#halt = 'converged';
      this.#emit('converged', this.#stateDetail(result.iteration, result.lossAfter));
    } else if (result.iteration >= this.#options.maxIterations) {
      this.#halt = 'limit';
    }
    return result;
  }

  /**
   * The step gradient descent refused, θ − α∇θ in the solver's coordinates, and J there when
   * those are the units of X (without standardization); null for other solvers.
   */
  #rejectedStep(before, result) {
    if (this.#options.solver !== 'gd') return null;
    const alpha = this.#options.learningRate;
    const weights = before.weights.map((v, j) => v - alpha * result.gradient.weights[j]);
    const intercept = before.intercept - alpha * result.gradient.intercept;
    let loss = NaN;
    if (!this.#options.standardize) {
      const probe = this.#probe(weights, intercept);
      try {
        loss = probe.loss(this.#dataset.X, this.#dataset.y);
      } finally {
        probe.dispose();
      }
    }
    return { weights, intercept, loss };
  }

  #divergenceMessage() {
    const alpha = this.#options.learningRate;
    return `The learning rate α = ${formatNumber(alpha)} is too large: the step w ← w − α∇w J overshoots the valley ` +
      `and J rises instead of falling, so the solver refused it. Gradient descent always converges with ` +
      `α ≤ 1/L = ${formatNumber(this.#suggested)}, where L = ‖[X 1]‖²/(4n) bounds the curvature of J.`;
  }

  // ---- event payloads (see events.schema.json) -----------------------------------------------

  #stateDetail(iteration, loss) {
    const fitted = this.#model.fitted;
    return {
      iteration, loss,
      weights: fitted ? plain(this.#model.coefficients) : new Array(this.#dataset.X.cols).fill(0),
      intercept: fitted ? this.#model.intercept : 0,
    };
  }

  #divergedDetail(iteration, loss, message) {
    return { iteration, loss, learningRate: this.#options.learningRate, suggestedLearningRate: this.#suggested, message };
  }

  #readyDetail() {
    const d = this.#dataset;
    return { rows: d.X.rows, features: [...d.features], target: d.target, classes: [...d.classNames], learningRate: this.#options.learningRate, suggestedLearningRate: this.#suggested };
  }

  #metrics() {
    if (!this.#model?.fitted) return null;
    const { X, y } = this.#dataset;
    const p = this.#model.predictProba(X);
    return { accuracy: accuracy(y, this.#model.predict(X)), logLoss: logLoss(y, p), auc: rocAuc(y, p, { positiveLabel: true }) };
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  // ---- the DOM -----------------------------------------------------------------------------

  #build() {
    const ui = this.#ui;
    const link = html('link', { rel: 'stylesheet', href: STYLESHEET });
    ui.frame = html('section', { class: 'frame', hidden: true, 'aria-label': 'Logistic regression playground' });
    // Shown once the stylesheet has arrived, so the unstyled controls never flash.
    const show = () => { ui.frame.hidden = false; this.#draw(); };
    link.addEventListener('load', show);
    link.addEventListener('error', show);
    ui.heading = html('h2', { class: 'heading' });
    ui.status = html('p', { class: 'status', role: 'status' });
    ui.error = html('p', { class: 'error', role: 'alert', hidden: true });
    ui.note = html('div', { class: 'note', role: 'alert', hidden: true });
    ui.noteText = html('p');
    ui.useSafe = html('button', { type: 'button', class: 'secondary' });
    ui.useSafe.addEventListener('click', () => this.#change('learning-rate', String(this.#suggested)));
    ui.note.append(ui.noteText, ui.useSafe);

    const button = (text, label, onClick, cls = '') => {
      const b = html('button', { type: 'button', text, class: cls });
      if (label) b.setAttribute('aria-label', label);
      b.addEventListener('click', onClick);
      return b;
    };
    ui.step1 = button('Step', 'Take 1 step', () => this.step(1), 'primary');
    ui.step10 = button('10 steps', 'Take 10 steps', () => this.step(10));
    ui.step100 = button('100 steps', 'Take 100 steps', () => this.step(100));
    ui.play = button('Play', null, () => (this.#playing ? this.pause() : this.play()), 'play');
    ui.train = button('Train', 'Train the model', () => this.train(), 'primary');
    ui.reset = button('Reset', 'Reset to w = 0, b = 0', () => this.reset());
    ui.counter = html('span', { class: 'counter', 'aria-live': 'off' });
    ui.toolbar = html('div', { class: 'toolbar', role: 'group', 'aria-label': 'Training' },
      ui.step1, ui.step10, ui.step100, ui.play, ui.train, ui.reset, ui.counter);

    ui.panels = {};
    ui.grid = html('div', { class: 'panels' });
    for (const name of [...PANELS, 'compare-loss', 'compare-solvers']) {
      const title = html('h3', { text: PANEL_TITLES[name] });
      const body = html('div', { class: 'body' });
      const panel = html('section', { class: `panel panel-${name}`, 'data-panel': name, hidden: true }, title, body);
      ui.panels[name] = { panel, body };
      ui.grid.append(panel);
    }
    this.#buildUpload();
    this.#buildSettings();
    ui.canvas = {};
    for (const name of ['surface', 'boundary', 'loss']) {
      ui.canvas[name] = html('canvas', { class: 'chart', role: 'img' });
      ui.panels[name].body.append(ui.canvas[name], html('p', { class: 'caption' }));
    }
    ui.formulas = html('div', { class: 'formulas' });
    ui.panels.formulas.body.append(ui.formulas);
    ui.metrics = html('table', { class: 'numbers' });
    ui.panels.metrics.body.append(ui.metrics);
    ui.coefficients = html('table', { class: 'numbers' });
    ui.panels.coefficients.body.append(ui.coefficients);
    ui.gradcheckButton = button('Check the gradient', 'Compare the analytic gradient with finite differences', () => this.#guard(() => this.#gradcheck(this.#runGradcheck())));
    ui.gradcheck = html('div', { class: 'gradcheck-result' });
    ui.panels.gradcheck.body.append(html('p', { class: 'caption', text: 'Compares ∇J = (1/n)Xᵀ(ŷ − y) with central finite differences (J(θ + h) − J(θ − h))/2h at the current parameters.' }), ui.gradcheckButton, ui.gradcheck);
    ui.compareCost = html('canvas', { class: 'chart', role: 'img', 'aria-label': 'Cost of one positive example as a function of z, for both losses' });
    ui.compareNorm = html('canvas', { class: 'chart', role: 'img', 'aria-label': 'Gradient norm per iteration of gradient descent on both losses' });
    ui.compareText = html('p', { class: 'caption' });
    ui.panels['compare-loss'].body.append(html('div', { class: 'pair' }, ui.compareCost, ui.compareNorm), ui.compareText);
    ui.raceCanvas = html('canvas', { class: 'chart', role: 'img', 'aria-label': 'Objective minus its minimum per iteration for each solver' });
    ui.raceTable = html('table', { class: 'numbers' });
    ui.raceButton = button('Race again', 'Run the solver race again', () => this.#guard(() => this.#startRace()));
    ui.panels['compare-solvers'].body.append(ui.raceCanvas, ui.raceButton, html('div', { class: 'scroll' }, ui.raceTable));

    ui.frame.append(html('header', {}, ui.heading, ui.status), ui.error, ui.toolbar, ui.note, ui.grid);
    this.#root.append(link, ui.frame);
  }

  #buildUpload() {
    const ui = this.#ui;
    ui.file = html('input', { type: 'file', accept: '.csv,.tsv,.txt,text/csv', 'data-control': 'upload' });
    ui.file.addEventListener('change', () => this.#guard(async () => {
      const file = ui.file.files?.[0];
      if (!file || this.#isLocked('upload')) return;
      this.#uploaded = { name: file.name, text: await file.text() };
      this.#schedule(true);
    }));
    ui.panels.upload.body.append(html('label', { class: 'field' }, html('span', { text: 'CSV file (stays in this page)' }), ui.file));
  }

  #buildSettings() {
    const ui = this.#ui;
    ui.controls = {};
    const field = (name, labelText, control, extra = null) => {
      control.dataset.control = name;
      const label = html('label', { class: 'field' }, html('span', { class: 'label', text: labelText }), control, extra);
      ui.controls[name] = { control, label };
      return label;
    };
    const select = (options) => html('select', {}, ...options.map(([value, text]) => html('option', { value, text })));
    ui.dataset = select([...Object.entries(EXAMPLES).map(([k, v]) => [k, v.label]), ['src', 'The lesson’s file'], ['upload', 'Uploaded file']]);
    ui.target = html('select');
    ui.features = html('fieldset', { class: 'features' });
    ui.solver = select([['gd', 'Gradient descent'], ['newton', 'Newton (IRLS)'], ['lbfgs', 'L-BFGS'], ['sgd', 'Stochastic GD'], ['auto', 'Automatic']]);
    ui.rate = html('input', { type: 'number', min: '0', step: 'any', inputMode: 'decimal' });
    ui.iterations = html('input', { type: 'number', min: '1', step: '1', inputMode: 'numeric' });
    ui.penalty = html('input', { type: 'number', min: '0', step: 'any', inputMode: 'decimal' });
    ui.loss = select([['log', 'Cross-entropy'], ['squared', 'Squared error']]);
    ui.standardize = html('input', { type: 'checkbox' });
    const grid = html('div', { class: 'settings' },
      field('dataset', 'Data', ui.dataset), field('target', 'Target', ui.target),
      field('solver', 'Solver', ui.solver), field('learning-rate', 'Learning rate α', ui.rate),
      field('iterations', 'Max iterations', ui.iterations), field('penalty', 'L2 penalty λ', ui.penalty),
      field('loss', 'Cost', ui.loss), field('standardize', 'Standardize features', ui.standardize));
    ui.controls.features = { control: ui.features, label: ui.features };
    ui.features.dataset.control = 'features';
    ui.panels.settings.body.append(grid, ui.features);

    const on = (control, name, value) => control.addEventListener('change', () => this.#change(name, value()));
    on(ui.dataset, 'dataset', () => ui.dataset.value);
    on(ui.target, 'target', () => ui.target.value);
    on(ui.solver, 'solver', () => ui.solver.value);
    on(ui.rate, 'learning-rate', () => ui.rate.value);
    on(ui.iterations, 'iterations', () => ui.iterations.value);
    on(ui.penalty, 'penalty', () => ui.penalty.value);
    on(ui.loss, 'loss', () => ui.loss.value);
    on(ui.standardize, 'standardize', () => (ui.standardize.checked ? '' : null));
    ui.features.addEventListener('change', () => this.#change('features',
      [...ui.features.querySelectorAll('input:checked')].map((i) => i.value).join(',')));
  }

  #isLocked(control) {
    const locked = this.#locked;
    return locked.has('all') || locked.has(control);
  }

  /** A control was changed by the user: refused when locked, else reflected to the attribute. */
  #change(control, value) {
    if (this.#isLocked(control)) {
      this.#renderSettings(); // puts the control back to the configured value
      return;
    }
    if (control === 'dataset') {
      if (value === 'upload' || value === 'src') return;
      this.#uploaded = null;
      for (const name of ['src', 'target', 'features', 'positive']) this.removeAttribute(name);
      this.setAttribute('example', value);
      return;
    }
    if (control === 'target') this.removeAttribute('features');
    if (control === 'target') this.removeAttribute('positive');
    if (value === null) this.removeAttribute(control);
    else this.setAttribute(control, value);
  }

  async #guard(action) {
    try {
      await action();
    } catch (e) {
      this.#fail(e);
    }
  }

  // ---- rendering ---------------------------------------------------------------------------

  #status(text) {
    this.#ui.status.textContent = text;
  }

  #render() {
    const ui = this.#ui;
    if (!ui.frame) return;
    const shown = this.#panels;
    const heading = this.getAttribute('heading');
    ui.heading.textContent = heading ?? '';
    ui.heading.hidden = !heading;
    ui.frame.setAttribute('aria-label', heading || 'Logistic regression playground');
    ui.frame.dataset.mode = this.#mode;
    // A widget showing only comparisons has no model of its own to train.
    ui.toolbar.hidden = ![...shown].some((name) => PANELS.includes(name) && name !== 'upload' && name !== 'settings') && [...shown].some((name) => name.startsWith('compare-'));
    ui.error.hidden = !this.#error;
    ui.error.textContent = this.#error ?? '';
    for (const [name, { panel }] of Object.entries(ui.panels)) panel.hidden = !shown.has(name) || (Boolean(this.#error) && name !== 'settings' && name !== 'upload');
    const d = this.#dataset;
    if (d && !this.#error) {
      const source = this.#uploaded ? `“${this.#uploaded.name}”` : this.getAttribute('src') ? 'the lesson’s file' : (EXAMPLES[this.getAttribute('example') || 'synthetic']?.label ?? '');
      this.#status(`${source}: ${d.X.rows} rows${d.dropped ? ` (${d.dropped} incomplete left out)` : ''}, ` +
        `${d.features.length} feature${d.features.length === 1 ? '' : 's'}; “${d.classNames[1]}” (y = 1) against “${d.classNames[0]}” (y = 0).`);
    } else if (this.#error) {
      this.#status('');
    }
    this.#renderSettings();
    this.#updateButtons();
    this.#renderNote();
    this.#renderFormulas();
    this.#renderTables();
    this.#draw();
  }

  #updateButtons() {
    const ui = this.#ui;
    if (!ui.frame) return;
    const step = this.#mode === 'step';
    for (const b of [ui.step1, ui.step10, ui.step100, ui.play]) b.hidden = !step;
    ui.train.hidden = step;
    const stuck = !this.ready || Boolean(this.#halt);
    for (const b of [ui.step1, ui.step10, ui.step100]) b.disabled = stuck || Boolean(this.#playing);
    ui.play.disabled = stuck;
    ui.play.textContent = this.#playing ? 'Pause' : 'Play';
    ui.train.disabled = !this.ready;
    ui.reset.disabled = !this.ready;
    const iteration = this.#model?.fitted ? Math.max(0, this.#model.history.length - 1) : 0;
    const halted = { converged: ' · converged', diverged: ' · stopped: diverged', limit: ' · iteration limit reached' }[this.#halt] ?? '';
    ui.counter.textContent = this.ready ? `iteration ${this.#last?.result.iteration ?? iteration}${halted}` : '';
  }

  #renderSettings() {
    const ui = this.#ui;
    const d = this.#dataset;
    ui.dataset.value = this.#uploaded ? 'upload' : this.getAttribute('src') ? 'src' : (this.getAttribute('example') || 'synthetic');
    for (const option of ui.dataset.options) option.hidden = (option.value === 'src' && !this.getAttribute('src')) || (option.value === 'upload' && !this.#uploaded);
    ui.target.replaceChildren(...(d?.header ?? []).map((name) => html('option', { value: name, text: name })));
    if (d) ui.target.value = d.target;
    ui.features.replaceChildren(html('legend', { text: 'Features (numeric columns)' }),
      ...(d?.numeric ?? []).filter((n) => n !== d.target).map((name) => html('label', { class: 'check' },
        html('input', { type: 'checkbox', value: name, checked: d.features.includes(name) }), html('span', { text: name }))));
    const o = this.#options;
    ui.solver.value = this.getAttribute('solver') ?? 'gd';
    ui.rate.value = o ? String(Number(o.learningRate.toPrecision(6))) : '';
    ui.iterations.value = o ? String(o.maxIterations) : '';
    ui.penalty.value = o ? String(o.l2 ?? o.l1 ?? 0) : '';
    ui.loss.value = this.getAttribute('loss') ?? 'log';
    ui.standardize.checked = Boolean(o?.standardize);
    // α is used by gradient descent only; without a learning-rate attribute it is 1/L.
    ui.controls['learning-rate'].label.hidden = o ? o.solver !== 'gd' && o.solver !== 'sgd' : false;
    const rate = this.getAttribute('learning-rate')?.trim();
    ui.controls['learning-rate'].label.querySelector('.label').textContent = !rate || rate === 'auto' ? 'Learning rate α (1/L)' : 'Learning rate α';
    for (const [name, { control, label }] of Object.entries(ui.controls)) {
      const locked = this.#isLocked(name);
      control.disabled = locked;
      for (const input of control.querySelectorAll?.('input') ?? []) input.disabled = locked;
      label.classList.toggle('locked', locked);
      label.title = locked ? 'Locked by the lesson' : '';
    }
    ui.file.disabled = this.#isLocked('upload');
  }

  #renderNote() {
    const ui = this.#ui;
    const diverged = this.#halt === 'diverged';
    ui.note.hidden = !diverged;
    if (!diverged) return;
    ui.noteText.textContent = this.#divergenceMessage();
    ui.useSafe.textContent = `Use α = ${formatNumber(this.#suggested)}`;
    ui.useSafe.hidden = this.#isLocked('learning-rate');
  }

  /** The formula panel: J, ∇w J, ∂J/∂b, α and the update, with the numbers of the last step. */
  #renderFormulas() {
    const ui = this.#ui;
    if (!this.#dataset || !this.#options) return;
    const o = this.#options;
    const squared = o.loss === 'squared';
    const l1 = o.l1 > 0;
    const penalty = o.l2 > 0 || l1;
    const cost = penalty ? 'F' : 'J';
    // Factories: a DOM node can sit in one place only, so each use builds its own.
    const n = () => mi('n');
    const one = () => m('mn', '1');
    const yhat = () => sub(mi('ŷ'), mi('i'));
    const yi = () => sub('y', mi('i'));
    const xi = () => sub(mi('x'), mi('i'));
    const residual = () => paren(yhat(), mo('−'), yi());
    const J = () => row(mi(cost), paren(mi('w'), mo(','), mi('b')));
    const dJdb = () => frac(row(mo('∂'), mi(cost)), row(mo('∂'), mi('b')));
    const norm = (p) => sub(row(mo('‖'), mi('w'), mo('‖')), m('mn', p));
    // F = J + (λ/2)‖w‖² (∇ gains λw) or J + λ‖w‖₁ (∇ gains λ sign w).
    const penaltyTerm = !penalty ? [] : l1 ? [mo('+'), mi('λ'), norm('1')] : [mo('+'), frac(mi('λ'), '2'), sup(row(mo('‖'), mi('w'), mo('‖')), m('mn', '2'))];
    const penaltyGradient = !penalty ? [] : l1 ? [mo('+'), mi('λ'), mi('sign'), paren(mi('w'))] : [mo('+'), mi('λ'), mi('w')];
    const costDefinition = squared
      ? [frac('1', row(m('mn', '2'), n())), sum('i'), sup(residual(), m('mn', '2'))]
      : [mo('−'), frac('1', n()), sum('i'), mo('['), yi(), mi('log'), yhat(), mo('+'), paren(one(), mo('−'), yi()), mi('log'), paren(one(), mo('−'), yhat()), mo(']')];
    // The squared error's gradient carries σ'(z) = ŷ(1 − ŷ).
    const factor = () => (squared ? [yhat(), paren(one(), mo('−'), yhat())] : []);
    const last = this.#last;
    const r = last?.result;
    const eq = (make) => (r ? [mo('='), make()] : []);
    // Only plain gradient descent takes the textbook step w − α∇w J; the others are shown as w + Δw.
    const gd = o.solver === 'gd';
    const fixedRate = gd || o.solver === 'sgd';
    const lines = [];
    lines.push(['Model', math(yhat(), mo('='), mi('σ'), paren(sup('w', 'T'), xi(), mo('+'), mi('b')), mo(','), mspace(),
      mi('σ'), paren(mi('z')), mo('='), frac('1', row(one(), mo('+'), sup('e', row(mo('−'), mi('z'))))), mo(','), mspace(),
      n(), mo('='), scalar(this.#dataset.X.rows, 'n'))]);
    lines.push([penalty ? 'Cost (with penalty)' : 'Cost', math(J(), mo('='), ...costDefinition,
      ...penaltyTerm,
      ...eq(() => scalar(r.lossBefore, 'loss-before')))]);
    lines.push(['Gradient', math(nabla('w'), mi(cost), mo('='), frac('1', n()), sum('i'), residual(), ...factor(), xi(),
      ...penaltyGradient, ...eq(() => vector(r.gradient.weights, 'grad-w')))]);
    lines.push(['', math(dJdb(), mo('='), frac('1', n()), sum('i'), residual(), ...factor(), ...eq(() => scalar(r.gradient.intercept, 'grad-b')))]);
    if (r?.diverged && gd) {
      // The refused step: what w − α∇w J would have been (computed here from step()'s gradient).
      const rejected = last.rejected;
      lines.push(['Learning rate', math(mi('α'), mo('='), scalar(o.learningRate, 'alpha-configured'))]);
      lines.push(['Refused update', math(mi('w'), mo('−'), mi('α'), nabla('w'), mi(cost), mo('='), vector(last.before.weights, 'w-before'), mo('−'),
        num(o.learningRate), mo('·'), vector(r.gradient.weights), mo('='), vector(rejected.weights, 'w-rejected'))]);
      if (Number.isFinite(rejected.loss)) {
        lines.push(['', math(J(), mo('='), scalar(rejected.loss, 'loss-rejected'), mo('>'), num(r.lossBefore), mo(':'), mi('refused'))]);
      }
    } else {
      lines.push([fixedRate ? 'Learning rate' : 'Step length', math(mi(fixedRate ? 'α' : 't'), mo('='), r ? scalar(r.stepSize, 'alpha') : scalar(o.learningRate, 'alpha-configured'))]);
    }
    if (r && !r.diverged && gd) {
      lines.push(['Update', math(mi('w'), mo('←'), mi('w'), mo('−'), mi('α'), nabla('w'), mi(cost), mo('='), vector(last.before.weights, 'w-before'), mo('−'),
        num(r.stepSize), mo('·'), vector(r.gradient.weights), mo('='), vector(last.after.weights, 'w-after'))]);
      lines.push(['', math(mi('b'), mo('←'), mi('b'), mo('−'), mi('α'), dJdb(), mo('='), scalar(last.before.intercept, 'b-before'), mo('−'),
        num(r.stepSize), mo('·'), num(r.gradient.intercept), mo('='), scalar(last.after.intercept, 'b-after'))]);
    } else if (r && !gd) {
      const what = { newton: 'Δ = −t H⁻¹∇J (Newton)', lbfgs: 'Δ = t · the L-BFGS direction', sgd: 'Δ = one epoch of minibatch steps' }[o.solver] ?? 'Δ = the solver’s step';
      lines.push([`Update, ${what}`, math(mi('w'), mo('←'), mi('w'), mo('+'), sub(mo('Δ'), mi('w')), mo('='), vector(last.before.weights, 'w-before'), mo('+'),
        vector(r.step.weights, 'step-w'), mo('='), vector(last.after.weights, 'w-after'))]);
      lines.push(['', math(mi('b'), mo('←'), mi('b'), mo('+'), sub(mo('Δ'), mi('b')), mo('='), scalar(last.before.intercept, 'b-before'), mo('+'),
        scalar(r.step.intercept, 'step-b'), mo('='), scalar(last.after.intercept, 'b-after'))]);
    }
    if (r) lines.push([r.diverged ? 'Cost (unchanged)' : 'Cost after the step', math(J(), mo('='), scalar(r.lossAfter, 'loss-after'))]);
    ui.formulas.replaceChildren(...lines.map(([label, formula]) => html('div', { class: 'formula' },
      html('span', { class: 'formula-label', text: label }), html('div', { class: 'scroll' }, formula))));
    const notes = [];
    if (!r) notes.push('Take a step to see the numbers: the model starts at w = 0, b = 0.');
    if (o.standardize) notes.push('w and b are in standardized units x̃ = (x − μ)/σ, the coordinates the solver works in.');
    if (r?.diverged) notes.push('The cost would have risen, so the step was refused: w and b did not change.');
    if (notes.length) ui.formulas.append(html('p', { class: 'caption', text: notes.join(' ') }));
  }

  #renderTables() {
    const ui = this.#ui;
    const tableRows = (table, head, rows) => {
      table.replaceChildren(html('thead', {}, html('tr', {}, ...head.map((h) => html('th', { scope: 'col', text: h })))),
        html('tbody', {}, ...rows.map(([key, ...cells]) => html('tr', { 'data-row': key }, html('th', { scope: 'row', text: cells[0] }),
          ...cells.slice(1).map((c) => html('td', { text: typeof c === 'number' ? formatNumber(c) : c, 'data-value': String(c) }))))));
    };
    const metrics = this.#metrics();
    tableRows(ui.metrics, ['metric', 'value'], metrics
      ? [['accuracy', 'Accuracy', metrics.accuracy], ['logLoss', 'Log loss', metrics.logLoss], ['auc', 'ROC AUC', metrics.auc]]
      : [['none', 'Not trained yet', '—']]);
    if (this.#dataset && this.#model) {
      const fitted = this.#model.fitted;
      const w = fitted ? this.#model.coefficients : new Float64Array(this.#dataset.X.cols);
      const b = fitted ? this.#model.intercept : 0;
      tableRows(ui.coefficients, ['parameter', 'value', 'odds ratio eʷ'], [
        ...this.#dataset.features.map((f, j) => [`w${j + 1}`, `w${j + 1} (${f})`, w[j], Math.exp(w[j])]),
        ['b', 'b (intercept)', b, '—'],
      ]);
    }
  }

  /** Redraws the canvases (also on resize). */
  #draw() {
    const ui = this.#ui;
    if (!this.#dataset || !this.#model || this.#error || ui.frame.hidden) return;
    const shown = this.#panels;
    if (shown.has('loss')) this.#drawLoss();
    if (shown.has('boundary')) this.#drawBoundary();
    if (shown.has('surface')) this.#drawSurface();
    if (shown.has('compare-loss')) this.#drawCompareLoss();
    if (shown.has('compare-solvers')) this.#race ? drawRace(ui.raceCanvas, this.#race.runs, this.#race.upTo) : this.#startRace();
  }

  #drawLoss() {
    const history = this.#model.fitted ? this.#model.history : [];
    const points = history.map((h) => [h.iteration, h.loss]);
    const name = this.#options.l2 > 0 || this.#options.l1 > 0 ? 'F' : 'J';
    drawLineChart(this.#ui.canvas.loss, [{ points, color: CLASS_COLORS[0], label: `${name} (${this.#options.loss === 'squared' ? 'squared error' : 'cross-entropy'})` }],
      { xLabel: 'iteration', yLabel: `cost ${name}`, xRange: [0, Math.max(10, points.length - 1)], legend: points.length > 0 && 'top' });
    const caption = this.#ui.panels.loss.body.querySelector('.caption');
    caption.textContent = points.length ? `${name} = ${formatNumber(points.at(-1)[1])} after ${points.length - 1} iteration${points.length === 2 ? '' : 's'}.` : 'No iterations yet.';
    this.#ui.canvas.loss.setAttribute('aria-label', caption.textContent);
  }

  /** The probability map over the first two features (others at their means), or σ(wx + b) for one. */
  #drawBoundary() {
    const { X, y, features, classNames } = this.#dataset;
    const canvas = this.#ui.canvas.boundary;
    const caption = this.#ui.panels.boundary.body.querySelector('.caption');
    const fitted = this.#model.fitted;
    const d = X.cols;
    const column = (j) => Array.from({ length: X.rows }, (_, i) => X.data[i * d + j]);
    const mean = Array.from({ length: d }, (_, j) => column(j).reduce((a, v) => a + v, 0) / X.rows);
    const xRange = paddedRange(column(0), 1e-9);
    const every = Math.max(1, Math.ceil(X.rows / 400));
    if (d === 1) {
      const xs = Array.from({ length: 101 }, (_, i) => xRange[0] + ((xRange[1] - xRange[0]) * i) / 100);
      const p = fitted ? this.#model.predictProba(xs.map((x) => [x])) : xs.map(() => 0.5);
      const series = [{ points: xs.map((x, i) => [x, p[i]]), color: '#222', label: `P(${classNames[1]})` }];
      for (let i = 0; i < X.rows; i += every) series.push({ points: [[X.data[i], y[i] ? 1 : 0], [X.data[i], y[i] ? 0.93 : 0.07]], color: CLASS_COLORS[y[i] ? 1 : 0] });
      drawLineChart(canvas, series, { xLabel: features[0], yLabel: 'probability', xRange, yRange: [0, 1], legend: true });
    } else {
      const yRange = paddedRange(column(1), 1e-9);
      const nx = 64;
      const ny = 64;
      const grid = new Float64Array(nx * ny * d);
      for (let iy = 0; iy < ny; iy++) {
        for (let ix = 0; ix < nx; ix++) {
          const o = (iy * nx + ix) * d;
          grid.set(mean, o);
          grid[o] = xRange[0] + ((xRange[1] - xRange[0]) * (ix + 0.5)) / nx;
          grid[o + 1] = yRange[0] + ((yRange[1] - yRange[0]) * (iy + 0.5)) / ny;
        }
      }
      const probabilities = fitted ? this.#model.predictProbaMatrix({ data: grid, rows: nx * ny, cols: d }).data : new Float64Array(nx * ny * 2).fill(0.5);
      const points = [];
      for (let i = 0; i < X.rows; i += every) points.push({ x: X.data[i * d], y: X.data[i * d + 1], cls: y[i] ? 1 : 0 });
      drawBoundary(canvas, { nx, ny, xRange, yRange, probabilities, k: 2 }, points, { xLabel: features[0], yLabel: features[1] });
    }
    caption.textContent = `Blue: “${classNames[0]}”, red: “${classNames[1]}”; the shading is the predicted probability` +
      `${d > 2 ? ` (other features at their means)` : ''}${fitted ? '' : ' (w = 0: 0.5 everywhere)'}.`;
    canvas.setAttribute('aria-label', caption.textContent);
  }

  /** θ as drawn on the surface: (w₁, b) with one feature, else (w₁, w₂). */
  #surfacePoint(weights, intercept) {
    return this.#dataset.X.cols === 1 ? [weights[0], intercept] : [weights[0], weights[1]];
  }

  /** A model holding (w, b) in the units of X, for evaluating J and its gradient there. */
  #probe(weights, intercept) {
    return LogisticModel.fromJSON({
      format: 'logreg-wasm/model', version: 2, options: { loss: this.#options.loss }, classes: [false, true],
      coefficients: plain(weights), intercepts: [intercept], nFeatures: this.#dataset.X.cols,
    });
  }

  #current() {
    const fitted = this.#model.fitted;
    return { weights: fitted ? this.#model.coefficients : new Float64Array(this.#dataset.X.cols), intercept: fitted ? this.#model.intercept : 0 };
  }

  /** θ* (units of X) by L-BFGS to a tight tolerance; null when the minimum does not exist. */
  #minimum() {
    if (this.#optimum !== undefined) return this.#optimum;
    const { X, y } = this.#dataset;
    const o = this.#options;
    const model = new LogisticModel({ solver: 'lbfgs', loss: o.loss, l2: o.l2 ?? 0, l1: o.l1 ?? 0, tolerance: 1e-9, maxIterations: 5000 });
    try {
      const report = model.fit(X, y);
      const separated = report.warnings.some((w) => w.code === 'separation');
      this.#optimum = separated ? null : { weights: model.coefficients, intercept: model.intercept };
    } finally {
      model.dispose();
    }
    return this.#optimum;
  }

  #drawSurface() {
    const { X, y, features } = this.#dataset;
    const canvas = this.#ui.canvas.surface;
    const caption = this.#ui.panels.surface.body.querySelector('.caption');
    const one = X.cols === 1;
    const now = this.#current();
    const optimum = this.#minimum();
    const star = optimum ? this.#surfacePoint(optimum.weights, optimum.intercept) : null;
    const spots = [...this.#path, ...(star ? [star] : []), ...(this.#overshoot ?? [])];
    const ranges = [paddedRange(spots.map((p) => p[0]), 1), paddedRange(spots.map((p) => p[1]), 1)];
    // J over the plane, the other parameters at their current values.
    const probe = this.#probe(now.weights, now.intercept);
    let surface;
    try {
      surface = probe.lossSurface(X, y, { i: 0, j: one ? 'intercept' : 1, ranges, steps: 41 });
    } finally {
      probe.dispose();
    }
    const xLabel = `w₁ (${features[0]})`;
    const yLabel = one ? 'b' : `w₂ (${features[1]})`;
    drawSurface(canvas, surface, { path: this.#path, optimum: star, overshoot: this.#overshoot, xLabel, yLabel });
    const held = one ? '' : X.cols === 2 ? ` b is held at its current value ${formatNumber(now.intercept)}.` : ' b and the other weights are held at their current values.';
    caption.textContent = `Contours of J over ${one ? '(w₁, b)' : '(w₁, w₂)'}, in the units of the data.${held}` +
      `${star ? '' : ' The data are separable: J has no minimum.'}${this.#options.standardize ? ' The solver steps in standardized units; the path is shown in the units of the data.' : ''}`;
    canvas.setAttribute('aria-label', `${caption.textContent} The descent path has ${this.#path.length - 1} steps.`);
  }

  #runGradcheck() {
    const { X, y, features } = this.#dataset;
    const now = this.#current();
    const probe = this.#probe(now.weights, now.intercept);
    try {
      const check = probe.gradientCheck(X, y);
      return { check, names: [...features.map((f, j) => `w${j + 1} (${f})`), 'b'] };
    } finally {
      probe.dispose();
    }
  }

  #gradcheck(answer) {
    const ui = this.#ui;
    if (!ui.gradcheck) return;
    if (!answer) {
      ui.gradcheck.replaceChildren();
      return;
    }
    const { check, names } = answer;
    const table = html('table', { class: 'numbers' },
      html('thead', {}, html('tr', {}, ...['parameter', 'analytic', 'finite difference', 'relative error'].map((h) => html('th', { scope: 'col', text: h })))),
      html('tbody', {}, ...names.map((name, j) => html('tr', {}, html('th', { scope: 'row', text: name }),
        ...[check.analytic[j], check.numeric[j], check.relativeError[j]].map((v) => html('td', { text: formatNumber(v), 'data-value': String(v) }))))));
    const ok = check.maxRelativeError < 1e-6;
    ui.gradcheck.replaceChildren(html('div', { class: 'scroll' }, table), html('p', { class: ok ? 'verdict ok' : 'verdict bad', 'data-max-relative-error': String(check.maxRelativeError),
      text: `Largest relative error ${formatNumber(check.maxRelativeError)}: ${ok ? 'the analytic gradient is right.' : 'the analytic gradient disagrees with the finite differences!'}` }));
  }

  #drawCompareLoss() {
    const ui = this.#ui;
    const { X, y } = this.#dataset;
    const o = this.#options;
    const runs = this.#lossRuns ??= compareLosses(LogisticModel, X, y, { learningRate: this.#suggested, maxIterations: o.maxIterations, tolerance: o.tolerance, standardize: o.standardize });
    drawLossComparison(ui.compareCost, ui.compareNorm, runs);
    const [log, sq] = runs;
    const s = (z) => 1 / (1 + Math.exp(-z));
    // d/dz of each cost for y = 1 at z = −4 (a confidently wrong prediction): σ(z) − 1 and (σ(z) − 1)σ'(z).
    const gLog = s(-4) - 1;
    const gSq = (s(-4) - 1) * s(-4) * (1 - s(-4));
    ui.compareText.textContent = `Gradient descent with the same α = ${formatNumber(this.#suggested)} from w = 0: cross-entropy ` +
      `${log.report.converged ? `converged in ${log.report.iterations} iterations` : `did not converge in ${log.report.iterations}`}, squared error ` +
      `${sq.report.converged ? `in ${sq.report.iterations}` : `did not converge in ${sq.report.iterations}`}. For a confidently wrong example ` +
      `(y = 1, z = −4) the cross-entropy's slope is ${formatNumber(gLog)}, the squared error's only ${formatNumber(gSq)}: its extra factor ` +
      `σ'(z) = σ(z)(1 − σ(z)) ≤ ¼ nearly cancels the push exactly where it is most needed, and its cost is not convex in w.`;
  }

  #startRace() {
    const ui = this.#ui;
    const { X, y } = this.#dataset;
    const o = this.#options;
    const runs = raceSolvers(LogisticModel, X, y, { learningRate: this.#suggested, maxIterations: o.maxIterations, tolerance: o.tolerance, standardize: o.standardize, loss: o.loss, l2: o.l2 ?? 0 });
    const race = { runs, upTo: 0 };
    this.#race = race;
    const longest = Math.max(...runs.map((r) => r.report.iterations), 1);
    ui.raceTable.replaceChildren(html('thead', {}, html('tr', {}, ...['solver', 'iterations', 'final cost', 'converged', 'time'].map((h) => html('th', { scope: 'col', text: h })))),
      html('tbody', {}, ...runs.map((r) => html('tr', { 'data-row': r.options.solver }, html('th', { scope: 'row', text: SOLVER_NAMES[r.options.solver] }),
        html('td', { text: String(r.report.iterations) }), html('td', { text: formatNumber(r.report.loss) }),
        html('td', { text: r.report.converged ? 'yes' : 'no' }), html('td', { text: `${r.ms.toFixed(1)} ms` })))));
    // The clock: all solvers advance one iteration per tick, the whole race in about 3 s.
    const perFrame = Math.max(1, Math.ceil(longest / 180));
    const tick = () => {
      if (this.#race !== race || !this.isConnected) return;
      race.upTo = Math.min(longest, race.upTo + perFrame);
      drawRace(ui.raceCanvas, runs, race.upTo);
      if (race.upTo < longest) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }
}

/**
 * Registers the element (importing this module already does, as <logreg-playground>). Bundlers
 * drop an import whose bindings are unused from a package marked "sideEffects": false, so code
 * built with one should call this.
 */
export function definePlayground(name = 'logreg-playground') {
  if (!customElements.get(name)) customElements.define(name, name === 'logreg-playground' ? LogregPlayground : class extends LogregPlayground {});
  return customElements.get(name);
}

definePlayground();
