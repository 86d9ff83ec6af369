/**
 * Preloaded into a child `node` that runs the built engine the way node.script does: `max-api`
 * exists only as an injected module (Node for Max hooks Module._load; max-pd-ecosystem.md §1.1), so
 * this hooks Module._load the same way and talks to the test over IPC. It also records every path
 * the engine reads through `fs` (sync, callback and promise forms) for the frozen-device test.
 */
const Module = require('node:module');
const fs = require('node:fs');

const opened = new Set();
const note = (p) => {
  if (typeof p === 'string') opened.add(p);
  else if (p instanceof URL) opened.add(p.pathname);
  else if (Buffer.isBuffer(p)) opened.add(p.toString());
};
for (const f of ['openSync', 'readFileSync', 'existsSync', 'statSync', 'readdirSync', 'open', 'readFile', 'stat', 'createReadStream']) {
  const orig = fs[f];
  if (typeof orig !== 'function') continue;
  fs[f] = function (p, ...rest) {
    note(p);
    return orig.call(this, p, ...rest);
  };
}
for (const f of ['readFile', 'open', 'stat', 'readdir']) {
  const orig = fs.promises[f];
  fs.promises[f] = function (p, ...rest) {
    note(p);
    return orig.call(this, p, ...rest);
  };
}

const handlers = [];
const api = {
  MESSAGE_TYPES: { ALL: 'all', BANG: 'bang', DICT: 'dict', NUMBER: 'number', LIST: 'list' },
  POST_LEVELS: { ERROR: 'error', INFO: 'info', WARN: 'warn' },
  addHandler(sel, fn) {
    if (sel === 'all') handlers.push(fn);
  },
  addHandlers() {},
  outlet: async (...a) => process.send({ t: 'outlet', a }),
  post: async (...a) => process.send({ t: 'post', a }),
};
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'max-api') return api;
  return load.call(this, request, ...rest);
};
process.on('message', async (m) => {
  if (m.t === 'send') {
    for (const h of handlers) await h(false, m.sel, ...m.args);
    process.send({ t: 'sent', id: m.id });
  } else if (m.t === 'opened') process.send({ t: 'opened', files: [...opened] });
});
