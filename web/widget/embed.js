// SPDX-License-Identifier: MIT
// The iframe page of <logreg-playground> (embed.html), for platforms that allow an <iframe> but
// no scripts in the lesson itself. Every URL parameter named like an attribute of the element
// becomes that attribute:
//
//   <iframe src="…/web/widget/embed.html?example=iris&mode=step&panels=formulas,surface&locked=solver&id=q1"
//           title="Gradient descent on the iris data" width="100%" height="720"></iframe>
//
// Two more parameters: `id` (echoed in every message, to tell several frames apart) and `origin`
// (the parent's origin: messages go only there, and commands are taken only from there). Without
// it, the embedding page's origin is used (location.ancestorOrigins, else document.referrer), and
// "*" only when neither is known (the payloads hold model numbers, never the data). Each event of
// the element is posted to the parent as
// { source: 'logreg-playground', id, type, detail } (events.schema.json). The parent may send
// { target: 'logreg-playground', command: 'step' | 'play' | 'pause' | 'reset' | 'train', count? }.
import { EVENTS, LogregPlayground } from './playground.js';

const COMMANDS = Object.freeze(['step', 'play', 'pause', 'reset', 'train']);

const params = new URLSearchParams(location.search);
const widget = document.createElement('logreg-playground');
const problems = [];
for (const [name, value] of params) {
  if (LogregPlayground.observedAttributes.includes(name)) widget.setAttribute(name, value);
  else if (name !== 'id' && name !== 'origin') problems.push(`unknown parameter "${name}" (known: id, origin, ${LogregPlayground.observedAttributes.join(', ')})`);
}
const id = params.get('id') ?? '';
const originOf = (url) => {
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
};
let targetOrigin = originOf(location.ancestorOrigins?.[0] ?? '') ?? originOf(document.referrer) ?? '*';
const origin = params.get('origin');
if (origin !== null) {
  targetOrigin = originOf(origin) ?? targetOrigin;
  if (!originOf(origin)) problems.push(`origin must be an origin such as https://example.org, got "${origin}"`);
}
if (problems.length) {
  const message = document.createElement('p');
  message.className = 'embed-error';
  message.setAttribute('role', 'alert');
  message.textContent = problems.join('; ');
  document.body.append(message);
}
document.body.append(widget);

const framed = window.parent !== window;
for (const type of EVENTS) {
  widget.addEventListener(type, (event) => {
    if (framed) window.parent.postMessage({ source: 'logreg-playground', id, type, detail: event.detail }, targetOrigin);
  });
}

window.addEventListener('message', (event) => {
  if (!framed || event.source !== window.parent) return;
  if (targetOrigin !== '*' && event.origin !== targetOrigin) return;
  const { target, command, count } = event.data ?? {};
  if (target !== 'logreg-playground' || !COMMANDS.includes(command)) return;
  if (command === 'step') widget.step(Number.isInteger(count) && count > 0 ? Math.min(count, 10000) : 1);
  else widget[command]();
});
