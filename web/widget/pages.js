// SPDX-License-Identifier: MIT
// The script of the authors' guide and of the sample lesson (no inline scripts: both pages work
// under a strict Content-Security-Policy). It loads the element and wires three things:
//  - <pre class="log" data-log-for="ID">: the events of widget ID, one line each;
//  - <div class="exercise" data-widget="ID" data-loss-below="0.17" data-max-steps="50">: an
//    exercise checked from the widget's `step` events ("get J below 0.17 in at most 50 steps");
//  - <pre class="log" data-frame-log>: the messages the page's iframes post (embed.html).
import { EVENTS } from './playground.js';

const short = (value) => JSON.stringify(value, (key, v) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(5)) : v));

function append(log, line) {
  const atEnd = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
  log.append(`${line}\n`);
  while (log.childNodes.length > 200) log.firstChild.remove();
  if (atEnd) log.scrollTop = log.scrollHeight;
}

for (const log of document.querySelectorAll('[data-log-for]')) {
  const widget = document.getElementById(log.dataset.logFor);
  for (const type of EVENTS) widget?.addEventListener(type, (event) => append(log, `${type} ${short(event.detail)}`));
}

for (const box of document.querySelectorAll('.exercise[data-widget]')) {
  const widget = document.getElementById(box.dataset.widget);
  const below = Number(box.dataset.lossBelow);
  const maxSteps = Number(box.dataset.maxSteps);
  const result = box.querySelector('.result');
  const show = (state, text) => {
    box.dataset.state = state;
    result.textContent = text;
  };
  widget?.addEventListener('ready', () => show('open', `Not yet: reach J < ${below} within ${maxSteps} steps.`));
  widget?.addEventListener('step', ({ detail }) => {
    if (box.dataset.state === 'done') return;
    if (detail.loss < below && detail.iteration <= maxSteps) {
      show('done', `Done: J = ${detail.loss.toFixed(4)} after ${detail.iteration} steps.`);
    } else if (detail.iteration === maxSteps) {
      show('failed', `${maxSteps} steps and J = ${detail.loss.toFixed(4)} is still above ${below}. Reset, change α and try again.`);
    }
  });
}

const frameLog = document.querySelector('[data-frame-log]');
if (frameLog) {
  window.addEventListener('message', (event) => {
    if (event.origin !== location.origin || event.data?.source !== 'logreg-playground') return;
    append(frameLog, `${event.data.id} ${event.data.type} ${short(event.data.detail)}`);
  });
}

for (const button of document.querySelectorAll('button[data-frame-command]')) {
  const frame = document.getElementById(button.dataset.frame);
  button.addEventListener('click', () => frame.contentWindow.postMessage(
    { target: 'logreg-playground', command: button.dataset.frameCommand, count: Number(button.dataset.count) || undefined }, location.origin));
}
