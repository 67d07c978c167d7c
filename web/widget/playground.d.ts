// SPDX-License-Identifier: MIT
// Types of "logreg-wasm/playground": the <logreg-playground> element and its events
// (the payloads are specified in events.schema.json).
import type { Options, StepResult, FitReport } from '../src/index.js';

/** `ready`: the data are loaded and the model is at w = 0, b = 0. */
export interface ReadyDetail {
  rows: number;
  features: string[];
  target: string;
  /** [the y = 0 class, the y = 1 class] */
  classes: [string, string];
  learningRate: number;
  /** 1/L, L = ‖[X 1]‖²/(4n). */
  suggestedLearningRate: number;
}

/** Where the model is: weights and intercept in the units of the data. */
export interface StateDetail {
  iteration: number;
  /** J (or F with a penalty). */
  loss: number;
  weights: number[];
  intercept: number;
}

/** `step`: one iteration in step mode, as model.step() returned it. */
export interface StepDetail extends StateDetail {
  lossBefore: number;
  gradientNorm: number;
  stepSize: number;
  moved: boolean;
  converged: boolean;
  diverged: boolean;
  /** ∇w J and ∂J/∂b before the step (the solver's coordinates). */
  gradient: { weights: number[]; intercept: number };
  /** θ after − θ before (the solver's coordinates). */
  update: { weights: number[]; intercept: number };
}

export type ConvergedDetail = StateDetail;

export interface DivergedDetail {
  iteration: number;
  loss: number;
  learningRate: number;
  suggestedLearningRate: number;
  message: string;
}

export interface FittedDetail extends StateDetail {
  converged: boolean;
  solver: 'gd' | 'sgd' | 'newton' | 'lbfgs';
  warnings: { code: string; message: string }[];
  metrics: { accuracy: number; logLoss: number; auc: number };
}

export interface ErrorDetail {
  message: string;
}

export interface PlaygroundEventMap {
  ready: CustomEvent<ReadyDetail>;
  step: CustomEvent<StepDetail>;
  converged: CustomEvent<ConvergedDetail>;
  diverged: CustomEvent<DivergedDetail>;
  fitted: CustomEvent<FittedDetail>;
  error: CustomEvent<ErrorDetail>;
}

/** What the iframe page (embed.html) posts to its parent. */
export type PlaygroundMessage = {
  [K in keyof PlaygroundEventMap]: { source: 'logreg-playground'; id: string; type: K; detail: PlaygroundEventMap[K]['detail'] };
}[keyof PlaygroundEventMap];

export const EVENTS: readonly (keyof PlaygroundEventMap)[];
export const PANELS: readonly string[];
export const CONTROLS: readonly string[];

/** <logreg-playground>: see web/widget/index.html for the attributes. */
export class LogregPlayground extends HTMLElement {
  static readonly observedAttributes: string[];
  /** A copy of the rows in use (y: true for the positive class), or null before loading. */
  readonly data: {
    X: { data: Float64Array; rows: number; cols: number };
    y: boolean[];
    featureNames: string[];
    target: string;
    classNames: [string, string];
  } | null;
  /** The options the widget's LogisticModel was constructed with (learningRate resolved). */
  readonly trainingOptions: Options | null;
  readonly ready: boolean;
  /** Up to `count` steps (step mode); the last StepResult, or null if none was taken. */
  step(count?: number): StepResult | null;
  /** Fits from w = 0 to convergence or `iterations`; null when not ready. */
  train(): FitReport | null;
  reset(): void;
  play(): void;
  pause(): void;
  addEventListener<K extends keyof PlaygroundEventMap>(type: K, listener: (this: LogregPlayground, event: PlaygroundEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

/** Registers the element (as <logreg-playground> by default); returns its constructor. */
export function definePlayground(name?: string): typeof LogregPlayground;

declare global {
  interface HTMLElementTagNameMap {
    'logreg-playground': LogregPlayground;
  }
}
