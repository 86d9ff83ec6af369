/**
 * tr.remap.pd, the Pd client of the OSC bridge (protocol v2, src/hosts/osc/addresses.ts), generated:
 *
 * - capture: tr.onset~ finds each onset; a ring buffer keeps the last 4096 input samples (written
 *   twice, so any window is contiguous); when the onset window (256 samples at 44.1 kHz from 16
 *   before the onset, src/engine/constants) is complete, it is sent as `/hit id …`.
 * - hits: every hit plays at onset + window end + budget (fixed latency): a deadline in logical
 *   time (`[pipe]`, late in the block that holds that sample) takes the model's answer if
 *   it has come, else the base sound (the bridge's last `/base`, or the default preset before any
 *   contact), and outputs the 14 normalised parameters plus the start offset in that block, which
 *   tr.808~ plays sample-accurately. Answers for a hit that is not waiting are dropped.
 * - bridge: `[netsend -u -b]` gets its own replies on its right outlet (one session per tr.remap);
 *   `hello` every 500 ms (with the sample rate, which is polled there); `welcome 0` → the state
 *   (sample rate, load/preset with the patch's folder, sensitivity) is sent again; no reply for
 *   1.5 s → one console line, one more when it answers again.
 * - control: the right inlet's messages (`REMAP_MESSAGES`); unknown ones and bad creation
 *   arguments get one console line naming what is accepted.
 */
import { MODEL_SAMPLE_RATE_HZ, ONSET_BACKTRACK_SAMPLES, ONSET_WINDOW_SAMPLES } from '../../../src/engine/constants';
import { DEFAULT_PRESET } from '../../../src/engine/engine';
import { OSC_IN, OSC_OUT, OSC_PREFIX } from '../../../src/hosts/osc/addresses';
import { ONSET_SETTINGS, type OnsetMode } from '../../../src/onset/settings';
import { NUM_PARAMS, PARAMS } from '../../../src/synth/params';
import { loadPreset } from '../../../src/synth/presets';
import { unknownMessage } from './console';
import { exprSeq, PdCanvas, pdFile, pdNumber, type PdBox } from './patch';
import { PD_BLOCK } from './synth';

export const DEFAULT_BRIDGE_PORT = 9000;
/** Default answer budget (ms): onset → synth = the window (240 samples at 44.1 kHz) + this. */
export const DEFAULT_BUDGET_MS = 5;
/** Budgets are clamped to this range (ms); below one block the hit would be late for some onset positions, above it the bridge stops answering (its frames expire). */
export const BUDGET_RANGE_MS: readonly [number, number] = [1.5, 50];
/** Heartbeat (`hello`) period and how long without any reply counts as "not answering". */
export const HELLO_MS = 500;
export const SILENT_AFTER_MS = 1500;
/**
 * Where in its block a hit's deadline fires (samples): late in the block (the answer may come until
 * that block is computed) yet far from its end, so ms rounding can never move it into the next one.
 */
const DEADLINE_IN_BLOCK = PD_BLOCK - 4;
/** Hits waiting for an answer at once (ring of slots). */
const SLOTS = 8;
/** Ring buffer of input samples (twice this is stored). */
const RING = 4096;
/** Block counter modulus (6 digits: Pd prints box numbers with %g). */
const BLOCK_MOD = 524288;
/** Variables shared by the exprs of tr.remap (`[value NAME$0]`). */
const VARIABLES = ['blk', 'pos', 'qh', 'qt', 'win', 'back', 'lat', 'sr', 'id', 'miss', 'late', 'alive', 'conn', 'sens', 'bud', 'port', 'mdet', 'warned', 'want'];

/** Messages to tr.remap's right inlet: the route, the unknown-message line, the help patch and docs/pd.md. */
export const REMAP_MESSAGES: ReadonlyArray<{ name: string; args: string; doc: string }> = [
  { name: 'load', args: 'PATH', doc: 'load a model bundle: a shipped NAME or a PATH relative to this patch\'s folder (if it fails, the previous model keeps playing)' },
  { name: 'preset', args: 'NAME', doc: 'play a preset unchanged (a shipped name, or a .json file in the bridge\'s working folder), without a model' },
  { name: 'sensitivity', args: 'S', doc: 'modulation depth 0..4 (default 1)' },
  { name: 'reset', args: '', doc: "back to the model's (or preset's) base sound" },
  { name: 'train', args: 'INPUT [PRESET] [OUT] [EPOCHS] [ARCH]', doc: 'train a model on INPUT.wav (paths relative to this patch\'s folder, - for a default): progress on the right outlet, then trained OUT (send load OUT to play it)' },
  { name: 'cancel', args: '', doc: 'stop the training (the best model so far is written)' },
  { name: 'connect', args: 'HOST PORT', doc: 'talk to another bridge (the state is sent to it)' },
  { name: 'disconnect', args: '', doc: 'stop talking to the bridge (hits play the base sound)' },
  { name: 'budget', args: 'MS', doc: `answer budget in ms (${BUDGET_RANGE_MS[0]}..${BUDGET_RANGE_MS[1]}): latency = window + budget` },
  { name: 'mode', args: 'adaptive|reference', doc: 'onset detector mode (tr.onset~)' },
  { name: 'trigger', args: 'DB', doc: 'detector trigger threshold' },
  { name: 'rearm', args: 'DB', doc: 'detector re-arm threshold' },
  { name: 'hold', args: 'SAMPLES', doc: 'detector hold in samples' },
  { name: 'holdms', args: 'MS', doc: 'detector hold in ms' },
  { name: 'maskms', args: 'MS', doc: 'detector retrigger mask release in ms (adaptive mode)' },
];

/** tr.remap's detector messages and the ONSET_SETTINGS ids the bridge's `/detector` uses for them. */
export const ONSET_MESSAGE_OF: Readonly<Record<string, string>> = { triggerDb: 'trigger', rearmDb: 'rearm', holdMs: 'holdms', holdSamples: 'hold', maskMs: 'maskms' };

const addr = (a: string) => a.slice(1).split('/').join(' '); // "/timbreremap/hit" → "timbreremap hit"
const reply = (a: string) => a.slice(OSC_PREFIX.length + 1); // "/timbreremap/answer" → "answer"

/** [unpack 14] → expr (physical → normalised, clamped, PARAMS ranges) → [pack 14]; returns [entry, exit]. */
function toNormalised(c: PdCanvas, x: number, y: number): [PdBox, PdBox] {
  const fs = Array.from({ length: NUM_PARAMS }, () => 'f').join(' ');
  const unpack = c.obj(x, y, `unpack ${fs}`);
  const expr = c.obj(x, y + 30, `expr ${PARAMS.map((p, i) => `min(max(($f${i + 1}-${pdNumber(p.min)})/${pdNumber(p.max - p.min)}, 0), 1)`).join('; ')}`, 120);
  const pack = c.obj(x, y + 110, `pack ${fs}`);
  for (let i = 0; i < NUM_PARAMS; i++) c.connect(unpack, i, expr, i).connect(expr, i, pack, i);
  return [unpack, pack];
}

/** print NAME: a list whose first atom is a symbol, printed as a message (no "list" word). */
function printer(c: PdCanvas, x: number, y: number): PdBox {
  const trim = c.obj(x, y, 'list trim');
  const print = c.obj(x, y + 25, 'print tr.remap');
  c.connect(trim, 0, print, 0);
  return trim;
}

/** Capture: ring buffer, onset queue, frames when complete → `$0-frame` ("R s1 … sN"). */
function capture(): PdCanvas {
  const c = new PdCanvas({ x: 80, y: 80, width: 1000, height: 560 });
  c.text(20, 10, `Each block: write the input into the ring (twice: any window is contiguous), count blocks, queue each onset (when its window is complete, where it starts in the ring, and R = samples from then to the hit's start), send the windows that are complete. R = k + latency - ${PD_BLOCK} - ${PD_BLOCK}*left.`, 120);
  const audio = c.obj(20, 70, 'inlet~');
  const pulse = c.obj(200, 70, 'inlet~');
  c.connect(audio, 0, c.obj(20, 100, 'tabsend~ in$0'), 0);
  c.connect(pulse, 0, c.obj(200, 100, 'tabsend~ trig$0'), 0);
  c.obj(600, 70, `array define in$0 ${PD_BLOCK}`);
  c.obj(600, 95, `array define trig$0 ${PD_BLOCK}`);
  c.obj(600, 120, `array define ring$0 ${2 * RING}`);
  for (const [k, n] of ['qdue', 'qstart', 'qR'].entries()) c.obj(800, 70 + 25 * k, `array define ${n}$0 ${SLOTS}`);
  const bang = c.obj(20, 150, 'bang~');
  const steps = c.obj(20, 175, 't b b b');
  c.connect(bang, 0, steps, 0);
  // 1) ring write and block count
  const w = c.obj(500, 210, 't b b b');
  const blk = c.obj(640, 240, `expr blk$0 = (blk$0 + 1) % ${BLOCK_MOD}`);
  const pos = c.obj(560, 270, `expr pos$0 = (pos$0 + ${PD_BLOCK}) % ${RING}`);
  const posT = c.obj(560, 295, 't f f');
  const plus = c.obj(640, 320, `+ ${RING}`);
  const get = c.obj(500, 350, 'array get in$0');
  const getT = c.obj(500, 375, 't l l');
  const set1 = c.obj(500, 410, 'array set ring$0');
  const set2 = c.obj(640, 410, 'array set ring$0');
  c.connect(steps, 2, w, 0);
  c.connect(w, 2, blk, 0);
  c.connect(w, 1, pos, 0).connect(pos, 0, posT, 0).connect(posT, 1, plus, 0).connect(plus, 0, set2, 1).connect(posT, 0, set1, 1);
  c.connect(w, 0, get, 0).connect(get, 0, getT, 0).connect(getT, 1, set2, 0).connect(getT, 0, set1, 0);
  // 2) an onset in this block (index k): queue it, bang the onset outlet
  const max = c.obj(260, 210, 'array max trig$0');
  const k = c.obj(360, 240, 'f');
  const isOnset = c.obj(260, 240, 'moses 0.5');
  const onsetT = c.obj(300, 270, 't b b');
  const left = `ceil(max($f1 + win$0 - back$0 - ${PD_BLOCK}, 0)/${PD_BLOCK})`;
  const queue = c.obj(260, 300, exprSeq(`qdue$0[qt$0] = (blk$0 + ${left}) % ${BLOCK_MOD}`, `qstart$0[qt$0] = fmod(pos$0 + $f1 - back$0 + ${RING}, ${RING})`, `qR$0[qt$0] = $f1 + lat$0 - ${PD_BLOCK} - ${PD_BLOCK}*${left}`, `qt$0 = (qt$0 + 1) % ${SLOTS}`), 60);
  const onset = c.obj(360, 380, 's $0-onset');
  c.connect(steps, 1, max, 0).connect(max, 1, k, 1).connect(max, 0, isOnset, 0).connect(isOnset, 1, onsetT, 0);
  c.connect(onsetT, 1, k, 0).connect(k, 0, queue, 0);
  c.connect(onsetT, 0, onset, 0);
  // 3) send every queued window that is complete now
  const until = c.obj(20, 210, 'until');
  const due = c.obj(20, 240, `expr if(qh$0 != qt$0 && qdue$0[qh$0] == blk$0, qh$0, -1)`);
  const some = c.obj(20, 270, 'moses 0');
  const stop = c.obj(20, 300, 't b');
  const sendT = c.obj(100, 300, 't b f');
  const take = c.obj(140, 330, 'expr qstart$0[$f1]; qR$0[$f1]; win$0');
  const next = c.obj(20, 330, `expr qh$0 = (qh$0 + 1) % ${SLOTS}`);
  const window = c.obj(140, 420, 'array get ring$0');
  const withR = c.obj(140, 450, 'list prepend');
  const frame = c.obj(140, 480, 's $0-frame');
  c.connect(steps, 0, until, 0).connect(until, 0, due, 0).connect(due, 0, some, 0);
  c.connect(some, 0, stop, 0).connect(stop, 0, until, 1);
  c.connect(some, 1, sendT, 0).connect(sendT, 1, take, 0).connect(sendT, 0, next, 0);
  c.connect(take, 2, window, 1).connect(take, 1, withR, 1).connect(take, 0, window, 0);
  c.connect(window, 0, withR, 0).connect(withR, 0, frame, 0);
  return c;
}

/** Hits: ids, the hit message, deadlines, answers, the base sound; → `$0-hit`, `$0-reply`. */
function hits(): PdCanvas {
  const c = new PdCanvas({ x: 80, y: 80, width: 1250, height: 700 });
  c.text(20, 10, `Each frame gets an id and is sent as /hit; its deadline (pipe) fires late in the block that holds the hit's start (${DEADLINE_IN_BLOCK} samples in) and plays the model's answer if it came in time, else the base sound; the start offset in that block goes with it. Slots: id % ${SLOTS}.`, 130);
  for (const [k, n] of ['pend', 'got'].entries()) c.obj(1000, 60 + 25 * k, `array define ${n}$0 ${SLOTS}`);
  c.obj(1000, 110, `array define ans$0 ${SLOTS * NUM_PARAMS}`);
  c.obj(1000, 135, `array define base$0 ${NUM_PARAMS}`);
  const lb = c.obj(1000, 170, 'loadbang');
  const noneWaiting = c.obj(1000, 195, `expr ${Array.from({ length: SLOTS }, (_, k) => `pend$0[${k}] = -1`).join('; ')}`, 40);
  const preset = loadPreset(DEFAULT_PRESET);
  const defaultBase = c.msg(1000, 290, Array.from(preset.normalised, (v) => pdNumber(v)).join(' '), 30);
  const baseSet0 = c.obj(1000, 370, 'array set base$0');
  c.text(1000, 400, `the default preset (${DEFAULT_PRESET}) until the bridge sends /base`, 30);
  c.connect(lb, 0, noneWaiting, 0).connect(lb, 0, defaultBase, 0).connect(defaultBase, 0, baseSet0, 0);

  // a frame "R s…": id, pending slot, /hit id s…, deadline after (64·floor(R/64) + 32) samples with offset R mod 64
  const frame = c.obj(20, 70, 'r $0-frame');
  const split = c.obj(20, 100, 'list split 1');
  const samples = c.obj(240, 190, 'list');
  const slot = `id$0 % ${SLOTS}`;
  // statements in order: id+1, its slot waits, deadline (ms), offset, the id (outlets 4, 3, 2, 1, 0)
  const newHit = c.obj(20, 130, exprSeq('id$0 = id$0 + 1', `pend$0[${slot}] = id$0`, `got$0[${slot}] = 0`, `(${PD_BLOCK}*floor($f1/${PD_BLOCK}) + ${DEADLINE_IN_BLOCK})*1000/sr$0`, `$f1 - ${PD_BLOCK}*floor($f1/${PD_BLOCK})`, 'id$0'), 80);
  const idT = c.obj(20, 190, 't f b f');
  const prependId = c.obj(240, 220, 'list prepend');
  const fmt = c.obj(240, 250, `oscformat ${addr(OSC_IN.hit)}`);
  const pack = c.obj(20, 250, 'pack f f f');
  const pipe = c.obj(20, 280, 'pipe f f 0');
  c.connect(frame, 0, split, 0).connect(split, 1, samples, 1).connect(split, 0, newHit, 0);
  c.connect(newHit, 1, pack, 1).connect(newHit, 2, pack, 2).connect(newHit, 0, idT, 0);
  c.connect(idT, 2, prependId, 1).connect(idT, 1, samples, 0).connect(samples, 0, prependId, 0).chain(prependId, fmt, c.obj(240, 280, 's $0-send'));
  c.connect(idT, 0, pack, 0).connect(pack, 0, pipe, 0);

  // the deadline "id offset": answer or base + offset → $0-hit; "hit ID 1|0" → $0-reply
  const dl = c.obj(20, 320, 't a');
  const idT2 = c.obj(20, 350, 't f f');
  const state = c.obj(60, 380, `expr if(pend$0[$f1 % ${SLOTS}] == $f1, got$0[$f1 % ${SLOTS}], -1); ($f1 % ${SLOTS})*${NUM_PARAMS}; $f1`, 50);
  const clearPend = c.obj(500, 350, `expr pend$0[$f1 % ${SLOTS}] = if(pend$0[$f1 % ${SLOTS}] == $f1, -1, pend$0[$f1 % ${SLOTS}])`, 45);
  const which = c.obj(60, 440, 'sel 1 0');
  const answered = c.obj(60, 470, 't b b b');
  const based = c.obj(260, 470, 't b b b');
  const getAns = c.obj(60, 530, `array get ans$0 0 ${NUM_PARAMS}`);
  const getBase = c.obj(260, 530, 'array get base$0');
  const addOffset = c.obj(60, 570, 'list append');
  const diagId = c.obj(420, 500, 'f');
  const one = c.msg(380, 500, '1');
  const zero = c.msg(460, 500, '0');
  const diagPack = c.obj(420, 530, 'pack f f');
  const diag = c.msg(420, 560, 'hit $1 $2');
  const miss = c.obj(500, 470, 'expr miss$0 = miss$0 + 1');
  // ([pipe f f] has one outlet per element, right to left)
  c.connect(pipe, 1, addOffset, 1).connect(pipe, 0, idT2, 0);
  void dl;
  c.connect(idT2, 1, state, 0).connect(idT2, 0, clearPend, 0);
  const slotF = c.obj(60, 500, 'f');
  c.connect(state, 2, diagId, 1).connect(state, 1, slotF, 1).connect(state, 0, which, 0);
  c.connect(slotF, 0, getAns, 0);
  c.connect(which, 0, answered, 0).connect(which, 1, based, 0);
  c.connect(answered, 2, slotF, 0).connect(answered, 1, one, 0).connect(answered, 0, diagId, 0);
  c.connect(based, 2, getBase, 0).connect(based, 1, zero, 0).connect(based, 1, miss, 0).connect(based, 0, diagId, 0);
  c.connect(getAns, 0, addOffset, 0).connect(getBase, 0, addOffset, 0).connect(addOffset, 0, c.obj(60, 600, 's $0-hit'), 0);
  c.connect(one, 0, diagPack, 1).connect(zero, 0, diagPack, 1).connect(diagId, 0, diagPack, 0);
  c.connect(diagPack, 0, diag, 0).connect(diag, 0, c.obj(420, 590, 's $0-reply'), 0);

  // an answer "id p×14" (physical): kept when its hit is waiting, else dropped (the first late one: one line)
  const answer = c.obj(640, 70, 'r $0-answer');
  const aSplit = c.obj(640, 100, 'list split 1');
  const aValues = c.obj(800, 160, 'list');
  const aSlot = c.obj(640, 130, `expr if(pend$0[$f1 % ${SLOTS}] == $f1 && got$0[$f1 % ${SLOTS}] == 0, $f1 % ${SLOTS}, -1)`, 40);
  const aOk = c.obj(640, 190, 'moses 0');
  const aT = c.obj(680, 220, 't f b f');
  const aOffset = c.obj(800, 250, `* ${NUM_PARAMS}`);
  const [norm, normOut] = toNormalised(c, 680, 280);
  const aSet = c.obj(680, 420, 'array set ans$0');
  const gotIt = c.obj(860, 420, 'expr got$0[$f1] = 1');
  const physical = c.obj(880, 190, 'list prepend physical');
  const physicalTrim = c.obj(880, 220, 'list trim');
  c.connect(answer, 0, aSplit, 0).connect(aSplit, 1, aValues, 1).connect(aSplit, 0, aSlot, 0).connect(aSlot, 0, aOk, 0);
  c.connect(aOk, 1, aT, 0);
  c.connect(aT, 2, aOffset, 0).connect(aOffset, 0, aSet, 1);
  c.connect(aT, 1, aValues, 0).connect(aValues, 0, norm, 0).connect(normOut, 0, aSet, 0);
  c.connect(aValues, 0, physical, 0).chain(physical, physicalTrim, c.obj(880, 250, 's $0-reply'));
  c.connect(aT, 0, gotIt, 0);
  const lateOnce = c.obj(640, 470, exprSeq('if(late$0 == 0, 1, 0)', 'late$0 = 1'));
  const lateSel = c.obj(640, 500, 'sel 1');
  const lateMsg = c.msg(640, 530, `an answer came after its hit's deadline so the hit played the base sound: answers take longer than the budget. Raise it: budget MS or [tr.remap ${DEFAULT_BRIDGE_PORT} 10]`, 45);
  c.connect(aOk, 0, lateOnce, 0).connect(lateOnce, 1, lateSel, 0).connect(lateSel, 0, lateMsg, 0).connect(lateMsg, 0, printer(c, 640, 640), 0);

  // the base sound (physical) → normalised
  const base = c.obj(1000, 450, 'r $0-base');
  const [bNorm, bNormOut] = toNormalised(c, 1000, 480);
  c.connect(base, 0, bNorm, 0).connect(bNormOut, 0, c.obj(1000, 620, 'array set base$0'), 0);
  return c;
}

/** One console line "the bridge at HOST PORT …", HOST PORT from `$0-where`; returns the box to bang. */
function bridgeLine(c: PdCanvas, x: number, y: number, text: string): PdBox {
  const where = c.obj(x + 120, y, 'r $0-where');
  const store = c.obj(x, y + 25, 'list');
  const pre = c.obj(x, y + 50, 'list prepend the bridge at');
  const app = c.obj(x, y + 75, `list append ${text}`);
  c.connect(where, 0, store, 1).chain(store, pre, app, printer(c, x, y + 100));
  return store;
}

/** The bridge: netsend, parsing, heartbeat, watchdog. */
function bridge(): PdCanvas {
  const c = new PdCanvas({ x: 80, y: 80, width: 1300, height: 760 });
  c.text(20, 10, `[netsend -u -b] receives its own replies on its right outlet. hello every ${HELLO_MS} ms with the sample rate (polled there: a change updates the window and is sent); welcome 0 = a new session: the state is sent again; nothing heard for ${SILENT_AFTER_MS} ms = not answering (one line); heard again = one line.`, 140);
  const toSend = c.obj(20, 60, 'r $0-send');
  const gate = c.obj(20, 90, 'spigot');
  const net = c.obj(20, 150, 'netsend -u -b');
  c.connect(toSend, 0, gate, 0).connect(gate, 0, net, 0).connect(c.obj(160, 120, 'r $0-net'), 0, net, 0);
  c.connect(net, 0, gate, 1).connect(net, 0, c.obj(120, 180, 'v conn$0'), 0);
  const parse = c.obj(20, 210, 'oscparse');
  const trim = c.obj(20, 235, 'list trim');
  const ours = c.obj(20, 260, 'route timbreremap');
  const heardT = c.obj(20, 285, 't a b');
  const names = [OSC_OUT.welcome, OSC_OUT.answer, OSC_OUT.features, OSC_OUT.base, OSC_OUT.detector, OSC_OUT.model, OSC_OUT.error, OSC_OUT.status, OSC_OUT.progress, OSC_OUT.trained, OSC_OUT.params, OSC_OUT.physical].map(reply);
  const route = c.obj(20, 340, `route ${names.join(' ')}`);
  c.connect(net, 1, parse, 0).chain(parse, trim, ours, heardT);
  c.connect(heardT, 1, c.obj(160, 310, 's $0-heard'), 0).connect(heardT, 0, route, 0);
  const at = (name: string) => names.indexOf(name);
  const welcome0 = c.obj(20, 380, 'sel 0');
  c.connect(route, at('welcome'), welcome0, 0).connect(welcome0, 0, c.obj(20, 405, 's $0-resync'), 0);
  c.connect(route, at('answer'), c.obj(110, 380, 's $0-answer'), 0);
  c.connect(route, at('base'), c.obj(220, 380, 's $0-base'), 0);
  c.connect(route, at('detector'), c.obj(320, 380, 's $0-detector'), 0);
  const toReply = c.obj(440, 520, 's $0-reply');
  const rTrim = c.obj(440, 490, 'list trim');
  c.connect(rTrim, 0, toReply, 0);
  // features: drop the hit id
  const fSplit = c.obj(440, 380, 'list split 1');
  const fPre = c.obj(440, 410, 'list prepend features');
  c.connect(route, at('features'), fSplit, 0).connect(fSplit, 1, fPre, 0).connect(fPre, 0, rTrim, 0);
  // model: one line when a model other than the last one shown plays ("none" = a preset: the
  // outlet says so); the detector part decides whether to apply the model's detector
  const mSym = c.obj(640, 380, 'symbol');
  const mNone = c.obj(640, 410, 'sel none');
  const mChanged = c.obj(700, 440, 'sel tr.remap-no-model-yet');
  const mT = c.obj(700, 470, 't s s');
  const mPre = c.obj(860, 380, 'list prepend model');
  const mLine = c.obj(700, 500, 'list prepend model');
  c.connect(route, at('model'), mSym, 0).connect(mSym, 0, mNone, 0).connect(mNone, 1, mChanged, 0);
  c.connect(mChanged, 1, mT, 0).connect(mT, 1, mChanged, 1).connect(mT, 0, mLine, 0).connect(mLine, 0, printer(c, 700, 530), 0);
  c.connect(mSym, 0, c.obj(860, 410, 's $0-model'), 0);
  c.connect(mSym, 0, mPre, 0).connect(mPre, 0, rTrim, 0);
  // error: console and outlet; status, progress, params, physical, trained: outlet
  c.connect(route, at('error'), c.obj(1000, 380, 'print tr.remap'), 0);
  for (const [k, name] of ['error', 'status', 'progress', 'params', 'physical', 'trained'].entries()) {
    const pre = c.obj(1000, 410 + 28 * k, `list prepend ${name}`);
    c.connect(route, at(name), pre, 0).connect(pre, 0, rTrim, 0);
  }
  const tLine = c.obj(1000, 590, 'list prepend training finished:');
  const tMore = c.obj(1000, 615, 'list append - send load with this path to play it');
  c.connect(route, at('trained'), tLine, 0).connect(tLine, 0, tMore, 0).connect(tMore, 0, printer(c, 1000, 640), 0);

  // heartbeat: hello SR; a sample-rate change → $0-rates and /samplerate
  const metro = c.obj(20, 560, `metro ${HELLO_MS}`);
  const stopMsg = c.msg(120, 530, 'stop');
  c.connect(c.obj(20, 530, 'r $0-start'), 0, metro, 0).connect(c.obj(120, 500, 'r $0-stop'), 0, stopMsg, 0).connect(stopMsg, 0, metro, 0);
  const sr = c.obj(20, 590, 'samplerate~');
  const srT = c.obj(20, 615, 't f f');
  // (expr outputs each statement as it evaluates it: the new rate is stored before anything runs)
  const changed = c.obj(120, 640, 'expr if($f1 != sr$0, $f1, 0)');
  const srSel = c.obj(120, 665, 'sel 0');
  const srSend = c.obj(220, 690, 't b b f');
  const hello = c.obj(20, 700, `oscformat ${addr(OSC_IN.hello)}`);
  c.connect(metro, 0, sr, 0).connect(sr, 0, srT, 0).connect(srT, 1, changed, 0).connect(changed, 0, srSel, 0).connect(srSel, 1, srSend, 0);
  c.connect(srSend, 2, c.obj(320, 720, 'v sr$0'), 0);
  c.connect(srSend, 1, c.obj(120, 730, 's $0-rates'), 0).connect(srSend, 0, c.obj(220, 730, 's $0-send-rate'), 0);
  c.connect(srT, 0, hello, 0).connect(hello, 0, c.obj(20, 730, 's $0-send'), 0);

  // watchdog: nothing heard for SILENT_AFTER_MS → one line; heard again → one line
  const hT = c.obj(400, 580, 't b b');
  const dog = c.obj(500, 610, `delay ${SILENT_AFTER_MS}`);
  const back = c.obj(400, 610, exprSeq('if(alive$0 == 0, 1, 0)', 'alive$0 = 1'));
  const backSel = c.obj(400, 640, 'sel 1');
  const stopDog = c.msg(600, 580, 'stop');
  c.connect(c.obj(400, 555, 'r $0-heard'), 0, hT, 0).connect(hT, 1, dog, 0).connect(hT, 0, back, 0).connect(back, 1, backSel, 0);
  c.connect(c.obj(500, 555, 'r $0-start'), 0, dog, 0).connect(c.obj(600, 555, 'r $0-stop'), 0, stopDog, 0).connect(stopDog, 0, dog, 0);
  const lost = c.obj(700, 640, exprSeq('if(alive$0 != 0 && conn$0, 1, 0)', 'alive$0 = if(conn$0, 0, alive$0)'), 45);
  const lostSel = c.obj(700, 670, 'sel 1');
  c.connect(dog, 0, lost, 0).connect(lost, 1, lostSel, 0);
  c.connect(lostSel, 0, bridgeLine(c, 700, 700, 'is not answering: hits play the base sound until it does. Start it: npx timbre-remap osc'), 0);
  c.connect(backSel, 0, bridgeLine(c, 400, 670, 'answers again'), 0);
  return c;
}

/** Settings the bridge's `/detector` may carry that this tr.onset~ has no message for: [id, default]. */
function unmappedSettings(): Array<[string, number | string]> {
  const out: Array<[string, number | string]> = ONSET_SETTINGS.filter((s) => !(s.id in ONSET_MESSAGE_OF)).map((s) => [s.id, (s.defaults.adaptive ?? s.defaults.reference) as number]);
  out.push(['rearmLogic', 'training']); // reference mode's string setting
  return out;
}

/** The detector: the model's `/detector`, applied when the model changes (or after the user's load/preset); user settings. */
function detector(): PdCanvas {
  const c = new PdCanvas({ x: 80, y: 80, width: 1250, height: 660 });
  c.text(20, 10, "The model's detector settings (/detector: the mode, then id value pairs) are kept and applied to tr.onset~ when the model changes or after the user's load or preset; the mode only when it differs (switching starts the detector afresh). A user setting after that overrides them: one line says so, once per model.", 130);
  const store = c.obj(20, 130, 'list');
  const asList = c.obj(20, 100, 'list'); // the route's message (selector = the mode) as a list
  c.connect(c.obj(20, 70, 'r $0-detector'), 0, asList, 0).connect(asList, 0, store, 1);
  // /model NAME (after /detector): apply when the user asked (load/preset), or when NAME is a
  // model other than the last one applied; not for "none" or the same model coming back after
  // a bridge restart (the user's own settings stay)
  const model = c.obj(200, 70, 'r $0-model');
  const mT = c.obj(200, 100, 't s b');
  const wanted = c.obj(400, 130, exprSeq('if(want$0, 1, 0)', 'want$0 = 0'));
  const isNone = c.obj(200, 160, 'sel none');
  const last = c.obj(300, 190, 'sel tr.remap-no-model-yet');
  const newT = c.obj(400, 220, 't b s');
  const gateNone = c.obj(200, 250, 'spigot');
  const gateSame = c.obj(300, 250, 'spigot');
  const noModel = c.obj(520, 190, 'expr mdet$0 = 0');
  const aModel = c.obj(520, 250, 'expr mdet$0 = 1');
  const apply = c.obj(200, 290, 't b b');
  c.connect(model, 0, mT, 0).connect(mT, 1, wanted, 0).connect(wanted, 1, gateNone, 1).connect(wanted, 1, gateSame, 1);
  c.connect(mT, 0, isNone, 0).connect(isNone, 0, gateNone, 0).connect(isNone, 1, last, 0);
  c.connect(last, 0, gateSame, 0).connect(last, 1, newT, 0).connect(newT, 1, last, 1).connect(newT, 0, apply, 0);
  c.connect(gateNone, 0, apply, 0).connect(gateSame, 0, apply, 0);
  c.connect(isNone, 0, noModel, 0).connect(isNone, 1, aModel, 0);
  c.connect(apply, 1, c.obj(300, 320, 'expr warned$0 = 0'), 0).connect(apply, 0, store, 0);
  // apply: the mode (when it differs), then the pairs one by one
  const split = c.obj(20, 170, 'list split 1');
  const mode = c.obj(20, 200, 'symbol');
  const modeSel = c.obj(20, 230, 'sel adaptive');
  const modeT = c.obj(20, 260, 't s s');
  const modeMsg = c.obj(20, 290, 'list prepend mode');
  const toOnset = c.obj(20, 350, 's $0-onsetctl');
  const trimOnset = c.obj(20, 320, 'list trim');
  c.connect(store, 0, split, 0).connect(split, 0, mode, 0).connect(mode, 0, modeSel, 0);
  c.connect(modeSel, 1, modeT, 0).connect(modeT, 1, modeSel, 1).connect(modeT, 0, modeMsg, 0).chain(modeMsg, trimOnset, toOnset);
  c.connect(c.obj(160, 200, 'r $0-user-mode'), 0, modeSel, 1);
  const pairsT = c.obj(300, 200, 't b l');
  const rest = c.obj(300, 260, 'list');
  const until = c.obj(300, 230, 'until');
  const pair = c.obj(300, 290, 'list split 2');
  const stop = c.obj(420, 320, 't b');
  c.connect(split, 1, pairsT, 0).connect(pairsT, 1, rest, 1).connect(pairsT, 0, until, 0).connect(until, 0, rest, 0).connect(rest, 0, pair, 0);
  c.connect(pair, 1, rest, 1).connect(pair, 2, stop, 0).connect(stop, 0, until, 1);
  const mapped = Object.keys(ONSET_MESSAGE_OF);
  const others = unmappedSettings();
  const pairTrim = c.obj(300, 350, 'list trim');
  const route = c.obj(300, 380, `route ${[...mapped, ...others.map(([id]) => id)].join(' ')}`, 120);
  c.connect(pair, 0, pairTrim, 0).connect(pairTrim, 0, route, 0);
  mapped.forEach((id, k) => {
    const pre = c.obj(20 + 130 * k, 420, `list prepend ${ONSET_MESSAGE_OF[id]}`);
    c.connect(route, k, pre, 0).connect(pre, 0, trimOnset, 0);
  });
  const line = printer(c, 20, 600);
  others.forEach(([id, def], j) => {
    const k = mapped.length + j;
    const x = 20 + 150 * (j % 8);
    const y = 470 + 60 * Math.floor(j / 8);
    const differs = typeof def === 'number' ? c.obj(x, y, `expr if($f1 != ${pdNumber(def)}, $f1, -1e+30)`) : c.obj(x, y, `sel ${def}`);
    const text = `tr.onset~ cannot set ${id} - it keeps ${def} - the model's detector has`;
    const pre = c.obj(x, y + 25, `list prepend ${text}`);
    if (typeof def === 'number') {
      const real = c.obj(x + 100, y, 'moses -1e+29');
      c.connect(route, k, differs, 0).connect(differs, 0, real, 0).connect(real, 1, pre, 0);
    } else {
      c.connect(route, k, differs, 0).connect(differs, 1, pre, 0);
    }
    c.connect(pre, 0, line, 0);
  });
  const unknownId = c.obj(1000, 420, 'list prepend tr.onset~ has no setting');
  c.connect(route, mapped.length + others.length, unknownId, 0).connect(unknownId, 0, line, 0);
  // a user setting overrides the model's: one line per model
  const user = c.obj(900, 70, 'r $0-user-detector');
  const once = c.obj(900, 100, exprSeq('if(mdet$0 && !warned$0, 1, 0)', 'warned$0 = 1'));
  const onceSel = c.obj(900, 130, 'sel 1');
  const overrides = c.msg(900, 160, "your detector setting overrides the loaded model's (send load again to restore them)", 40);
  c.connect(user, 0, once, 0).connect(once, 1, onceSel, 0).connect(onceSel, 0, overrides, 0).connect(overrides, 0, printer(c, 900, 230), 0);
  return c;
}


/** Control: the right inlet's messages, the state kept for the bridge, connect/disconnect, resync, budget. */
function control(): PdCanvas {
  const c = new PdCanvas({ x: 80, y: 80, width: 1300, height: 740 });
  c.text(20, 10, 'The right inlet: messages to the bridge (paths with the folder of the patch that holds tr.remap), connect/disconnect, the budget, detector settings (to tr.onset~). The state (load or preset, sensitivity) is kept and sent again when a bridge greets tr.remap as new (welcome 0).', 130);
  const inlet = c.obj(20, 60, 'inlet');
  const names = REMAP_MESSAGES.map((m) => m.name);
  const route = c.obj(20, 90, `route ${[...names, 'listen'].join(' ')}`, 120);
  c.connect(inlet, 0, route, 0);
  const at = (n: string) => [...names, 'listen'].indexOf(n);
  const unknown = c.subpatch(1100, 120, 'unknown-message', unknownMessage('tr.remap', REMAP_MESSAGES.map((m) => `${m.name}${m.args ? ` ${m.args}` : ''}`)));
  c.connect(route, names.length + 1, unknown, 0);
  const send = c.obj(20, 700, 's $0-send');
  const needs = (x: number, y: number, what: string): PdBox => {
    const m = c.msg(x, y, what);
    c.connect(m, 0, printer(c, x, y + 25), 0);
    return m;
  };
  const baseDir = (x: number, y: number): PdBox => {
    const app = c.obj(x, y, 'list append');
    c.connect(c.obj(x + 110, y - 25, 'r $0-basedir'), 0, app, 1);
    return app;
  };
  const state = c.obj(400, 560, 'list');
  const wantLoad = c.obj(300, 560, 'expr want$0 = 1');
  // load PATH / preset NAME: kept as the state, sent with the patch's folder
  for (const [k, name] of (['load', 'preset'] as const).entries()) {
    const x = 20 + 200 * k;
    const guard = c.obj(x, 130, 'route bang');
    const asList = c.obj(x, 160, 'list');
    // load gets the patch's folder; preset names resolve at the bridge (the command table gives it none)
    const withDir = name === 'load' ? baseDir(x, 215) : c.obj(x, 215, 'list');
    const t = c.obj(x, 245, 't l l b');
    const keep = c.obj(x + 60, 275, `list prepend ${name}`);
    const fmt = c.obj(x, 305, `oscformat ${addr(name === 'load' ? OSC_IN.load : OSC_IN.preset)}`);
    c.connect(route, at(name), guard, 0).connect(guard, 0, needs(x + 90, 130, `${name} needs a ${name === 'load' ? 'PATH (or a shipped model name)' : 'NAME (or a preset .json file)'}`), 0);
    c.connect(guard, 1, asList, 0).connect(asList, 0, withDir, 0).connect(withDir, 0, t, 0);
    c.connect(t, 2, wantLoad, 0).connect(t, 1, keep, 0).connect(keep, 0, state, 1).connect(t, 0, fmt, 0).connect(fmt, 0, send, 0);
  }
  // sensitivity S
  const sGuard = c.obj(420, 130, 'route float');
  const sKeep = c.obj(420, 160, 't f f');
  const sV = c.obj(500, 190, 'v sens$0');
  const sFmt = c.obj(420, 220, `oscformat ${addr(OSC_IN.sensitivity)}`);
  c.connect(route, at('sensitivity'), sGuard, 0).connect(sGuard, 0, sKeep, 0).connect(sKeep, 1, sV, 0).connect(sKeep, 0, sFmt, 0).connect(sFmt, 0, send, 0);
  c.connect(sGuard, 1, needs(520, 130, 'sensitivity needs a number 0..4'), 0);
  // reset, cancel: no arguments
  for (const [k, name] of (['reset', 'cancel'] as const).entries()) {
    const b = c.obj(700 + 130 * k, 130, 't b');
    const fmt = c.obj(700 + 130 * k, 160, `oscformat ${addr(name === 'reset' ? OSC_IN.reset : OSC_IN.cancel)}`);
    c.connect(route, at(name), b, 0).connect(b, 0, fmt, 0).connect(fmt, 0, send, 0);
  }
  // train INPUT [PRESET] [OUT] [EPOCHS] [ARCH] → /train INPUT PRESET OUT EPOCHS BASEDIR ARCH ("-" = the default)
  const tList = c.obj(700, 220, 'list');
  const tT = c.obj(700, 245, 't l l');
  const tLen = c.obj(800, 270, 'list length');
  const tOk = c.obj(800, 295, 'moses 1');
  const tGate = c.obj(700, 330, 'spigot');
  const tOpen = c.obj(860, 325, 't b b');
  const tZero = c.msg(800, 325, '0');
  const tOne = c.msg(860, 355, '1');
  const tPad = c.obj(700, 360, 'list append - - - -');
  const tFive = c.obj(700, 385, 'list split 5');
  const tFiveT = c.obj(700, 410, 't l l');
  const tArch = c.obj(820, 440, 'list split 4');
  const tDirArch = c.obj(820, 470, 'list prepend');
  const tFirst = c.obj(700, 470, 'list split 4');
  const tAll = c.obj(700, 500, 'list append');
  const tFmt = c.obj(700, 530, `oscformat ${addr(OSC_IN.train)}`);
  c.connect(c.obj(930, 440, 'r $0-basedir'), 0, tDirArch, 1);
  c.connect(route, at('train'), tList, 0).connect(tList, 0, tT, 0).connect(tT, 1, tLen, 0).connect(tLen, 0, tOk, 0);
  c.connect(tOk, 0, tZero, 0).connect(tZero, 0, tGate, 1).connect(tOk, 0, needs(950, 300, 'train needs INPUT [PRESET] [OUT] [EPOCHS] [ARCH]'), 0);
  c.connect(tOk, 1, tOpen, 0).connect(tOpen, 0, tOne, 0).connect(tOne, 0, tGate, 1);
  c.connect(tT, 0, tGate, 0).connect(tGate, 0, tPad, 0).connect(tPad, 0, tFive, 0).connect(tFive, 0, tFiveT, 0);
  c.connect(tFiveT, 1, tArch, 0).connect(tArch, 1, tDirArch, 0).connect(tDirArch, 0, tAll, 1);
  c.connect(tFiveT, 0, tFirst, 0).connect(tFirst, 0, tAll, 0).connect(tAll, 0, tFmt, 0).connect(tFmt, 0, send, 0);
  // connect HOST PORT / disconnect
  const cIn = c.obj(20, 330, 'list');
  const cList = c.obj(20, 380, 'list');
  const cLen = c.obj(20, 405, 'list length');
  const cT = c.obj(20, 355, 't l l');
  const cOk = c.obj(20, 430, 'sel 2');
  const cStore = c.obj(120, 455, 'list');
  c.connect(route, at('connect'), cIn, 0).connect(cIn, 0, cT, 0).connect(cT, 1, cStore, 1).connect(cT, 0, cList, 0).connect(cList, 0, cLen, 0).connect(cLen, 0, cOk, 0);
  c.connect(cOk, 0, cStore, 0).connect(cStore, 0, c.obj(120, 480, 's $0-connect'), 0);
  c.connect(cOk, 1, needs(200, 430, 'connect needs HOST PORT'), 0);
  c.connect(route, at('disconnect'), c.obj(300, 380, 's $0-disconnect'), 0);
  // budget MS
  c.connect(route, at('budget'), c.obj(460, 380, 's $0-budget'), 0);
  // detector settings → tr.onset~ (and the override notice)
  ['mode', 'trigger', 'rearm', 'hold', 'holdms', 'maskms'].forEach((name, k) => {
    const pre = c.obj(600 + 110 * k, 470, `list prepend ${name}`);
    c.connect(route, at(name), pre, 0);
    const trim = c.obj(600 + 110 * k, 500, 'list trim');
    c.connect(pre, 0, trim, 0).connect(trim, 0, c.obj(600 + 110 * k, 530, 's $0-onsetctl'), 0).connect(trim, 0, c.obj(600 + 110 * k, 555, 's $0-user-detector'), 0);
    if (name === 'mode') c.connect(route, at(name), c.obj(600, 585, 's $0-user-mode'), 0);
  });
  c.connect(route, at('listen'), needs(600, 400, 'listen is not needed any more: replies come back to tr.remap itself'), 0);

  // resync (welcome 0): sample rate, the state, sensitivity; /samplerate also when the rate changes
  const resync = c.obj(20, 560, 'r $0-resync');
  const rT = c.obj(20, 590, 't b b b');
  const rate = c.obj(140, 620, 'v sr$0');
  const rateFmt = c.obj(140, 650, `oscformat ${addr(OSC_IN.samplerate)}`);
  c.connect(resync, 0, rT, 0).connect(rT, 2, rate, 0).connect(rate, 0, rateFmt, 0).connect(rateFmt, 0, send, 0);
  c.connect(c.obj(140, 590, 'r $0-send-rate'), 0, rate, 0);
  const stateTrim = c.obj(400, 590, 'list trim');
  const stateRoute = c.obj(400, 620, 'route load preset');
  c.connect(rT, 1, state, 0).connect(state, 0, stateTrim, 0).connect(stateTrim, 0, stateRoute, 0);
  // (route passes "PATH DIR" on as a message named PATH: [list] makes it a list again for oscformat)
  const loadAgain = c.obj(400, 680, `oscformat ${addr(OSC_IN.load)}`);
  const presetAgain = c.obj(560, 680, `oscformat ${addr(OSC_IN.preset)}`);
  const loadList = c.obj(400, 650, 'list');
  const presetList = c.obj(560, 650, 'list');
  c.connect(stateRoute, 0, loadList, 0).connect(loadList, 0, loadAgain, 0).connect(loadAgain, 0, send, 0);
  c.connect(stateRoute, 1, presetList, 0).connect(presetList, 0, presetAgain, 0).connect(presetAgain, 0, send, 0);
  const sens = c.obj(20, 620, 'v sens$0');
  const sensSet = c.obj(20, 650, 'moses 0');
  c.connect(rT, 0, sens, 0).connect(sens, 0, sensSet, 0).connect(sensSet, 1, sFmt, 0);
  return c;
}

/** Creation arguments, connect/disconnect, the budget and the sample rate → window, backtrack, latency. */
function link(): PdCanvas {
  const c = new PdCanvas({ x: 80, y: 80, width: 1300, height: 700 });
  c.text(20, 10, `Arguments: PORT (${DEFAULT_BRIDGE_PORT}) BUDGET_MS (${DEFAULT_BUDGET_MS}). Latency onset -> synth = window end (${ONSET_WINDOW_SAMPLES - ONSET_BACKTRACK_SAMPLES} samples at ${MODEL_SAMPLE_RATE_HZ} Hz) + budget (at least one block). connect: a new socket (so a new session at the bridge) and hello at once.`, 130);
  const lb = c.obj(20, 60, 'loadbang');
  const init = c.obj(20, 90, 't b b b b b');
  const first = c.obj(700, 60, 't b b');
  const defaults = c.obj(700, 90, `expr port$0 = ${DEFAULT_BRIDGE_PORT}; bud$0 = ${DEFAULT_BUDGET_MS}; alive$0 = -1; miss$0 = 0; late$0 = 0; sens$0 = -1`, 60);
  const args = c.obj(500, 120, 'pdcontrol');
  const argsMsg = c.msg(500, 90, 'args');
  c.connect(lb, 0, init, 0).connect(init, 4, first, 0).connect(first, 1, defaults, 0).connect(first, 0, argsMsg, 0).connect(argsMsg, 0, args, 0);
  // arguments: at most 2; 1: a port; 2: the budget (ms)
  const aT = c.obj(500, 150, 't l l');
  const count = c.obj(640, 180, 'list length');
  const tooMany = c.obj(640, 205, 'moses 3');
  const tooManyMsg = c.msg(700, 230, `takes at most 2 arguments: [tr.remap PORT BUDGET_MS] (defaults ${DEFAULT_BRIDGE_PORT} ${DEFAULT_BUDGET_MS}) - the rest is ignored`, 40);
  c.connect(args, 0, aT, 0).connect(aT, 1, count, 0).connect(count, 0, tooMany, 0).connect(tooMany, 1, tooManyMsg, 0).connect(tooManyMsg, 0, printer(c, 700, 300), 0);
  const arg1 = c.obj(500, 180, 'list split 1');
  const second = c.obj(540, 330, 'list split 1');
  c.connect(aT, 0, arg1, 0).connect(arg1, 1, second, 0);
  const portIs = c.obj(500, 210, 'route float');
  const portOk = c.obj(500, 240, 'expr $f1 >= 1 && $f1 <= 65535 && $f1 == int($f1); $f1');
  const portSel = c.obj(500, 270, 'sel 1 0');
  const portF = c.obj(440, 300, 'f');
  const portV = c.obj(440, 325, 'v port$0');
  const portBadF = c.obj(560, 300, 'f');
  const portBad = c.obj(300, 330, `list prepend argument 1 is`);
  const portBadText = c.obj(300, 355, `list append - not a port 1..65535 - using ${DEFAULT_BRIDGE_PORT} - arguments: PORT BUDGET_MS`);
  c.connect(arg1, 0, portIs, 0).connect(portIs, 0, portOk, 0).connect(portOk, 1, portF, 1).connect(portOk, 1, portBadF, 1).connect(portOk, 0, portSel, 0);
  c.connect(portSel, 0, portF, 0).connect(portF, 0, portV, 0).connect(portSel, 1, portBadF, 0).connect(portBadF, 0, portBad, 0);
  c.connect(portIs, 1, portBad, 0).connect(portBad, 0, portBadText, 0).connect(portBadText, 0, printer(c, 300, 380), 0);
  const budIs = c.obj(540, 360, 'route float');
  const budBad = c.obj(640, 390, 'list prepend argument 2 is');
  const budBadText = c.obj(640, 415, `list append - not a number of ms - using ${DEFAULT_BUDGET_MS} - arguments: PORT BUDGET_MS`);
  c.connect(second, 0, budIs, 0).connect(budIs, 1, budBad, 0).connect(budBad, 0, budBadText, 0).connect(budBadText, 0, printer(c, 640, 440), 0);
  // the budget (argument or message): clamped with one line
  const budget = c.obj(540, 500, `expr max(${BUDGET_RANGE_MS[0]}, min(${BUDGET_RANGE_MS[1]}, $f1)); $f1 < ${BUDGET_RANGE_MS[0]} || $f1 > ${BUDGET_RANGE_MS[1]}; $f1`, 60);
  const budgetR = c.obj(400, 470, 'r $0-budget');
  const budgetIs = c.obj(400, 500, 'route float');
  c.connect(budIs, 0, budget, 0).connect(budgetR, 0, budgetIs, 0).connect(budgetIs, 0, budget, 0).connect(budgetIs, 1, needsLine(c, 250, 530, 'budget needs a number of ms'), 0);
  const clampedF = c.obj(760, 560, 'f');
  const clampedSel = c.obj(680, 560, 'sel 1');
  const clampedMsg = c.obj(760, 590, `list prepend budget`);
  const clampedText = c.obj(760, 615, `list append ms is outside ${BUDGET_RANGE_MS[0]}..${BUDGET_RANGE_MS[1]} ms - clamped`);
  // ([value] only stores a float: the latency is recomputed after it)
  const budT = c.obj(540, 535, 't b f');
  const budV = c.obj(620, 560, 'v bud$0');
  const rates = c.obj(540, 590, 's $0-rates');
  c.connect(budget, 2, clampedF, 1).connect(budget, 1, clampedSel, 0).connect(clampedSel, 0, clampedF, 0).connect(clampedF, 0, clampedMsg, 0).chain(clampedMsg, clampedText, printer(c, 760, 640));
  c.connect(budget, 0, budT, 0).connect(budT, 1, budV, 0).connect(budT, 0, rates, 0);
  // sample rate → window, backtrack, latency
  const sr = c.obj(20, 130, 'samplerate~');
  const srT = c.obj(20, 155, 't b f');
  const srV = c.obj(100, 180, 'v sr$0');
  c.connect(init, 3, sr, 0).connect(sr, 0, srT, 0).connect(srT, 1, srV, 0);
  const rate = (n: number) => `int(${n}*sr$0/${MODEL_SAMPLE_RATE_HZ}+0.5)`;
  const calc = c.obj(20, 240, exprSeq(`win$0 = ${rate(ONSET_WINDOW_SAMPLES)}`, `back$0 = ${rate(ONSET_BACKTRACK_SAMPLES)}`, `lat$0 = win$0 - back$0 + max(${PD_BLOCK}, int(bud$0*sr$0/1000))`), 60);
  c.connect(srT, 0, calc, 0).connect(c.obj(20, 210, 'r $0-rates'), 0, calc, 0);
  // the folder of the patch that holds tr.remap
  const dirMsg = c.msg(200, 150, 'dir 1');
  const dir = c.obj(200, 175, 'pdcontrol');
  c.connect(init, 2, dirMsg, 0).connect(dirMsg, 0, dir, 0).connect(dir, 0, c.obj(200, 200, 's $0-basedir'), 0);
  // connect to 127.0.0.1 PORT at load
  const port = c.obj(20, 330, 'v port$0');
  const host = c.msg(20, 355, '127.0.0.1 $1');
  c.connect(init, 0, port, 0).connect(port, 0, host, 0).connect(host, 0, c.obj(20, 380, 's $0-connect'), 0);
  // connect HOST PORT: stop, disconnect, connect (a new socket), start the heartbeat and the watchdog
  const connect = c.obj(20, 415, 'r $0-connect');
  const asList = c.obj(20, 440, 'list');
  const cT = c.obj(20, 470, 't b l b');
  const stopS = c.obj(200, 500, 's $0-stop');
  const disc = c.msg(200, 530, 'disconnect');
  const net = c.obj(20, 620, 's $0-net');
  const where = c.obj(120, 530, 's $0-where');
  const conn = c.msg(20, 560, 'connect $1 $2');
  const fresh = c.obj(20, 500, 'expr alive$0 = -1; late$0 = 0');
  const start = c.obj(20, 530, 's $0-start');
  c.connect(connect, 0, asList, 0).connect(asList, 0, cT, 0).connect(cT, 2, stopS, 0).connect(cT, 2, disc, 0).connect(disc, 0, net, 0);
  c.connect(cT, 1, where, 0).connect(cT, 1, conn, 0).connect(conn, 0, net, 0);
  c.connect(cT, 0, fresh, 0).connect(cT, 0, start, 0);
  const disconnect = c.obj(300, 440, 'r $0-disconnect');
  const dT = c.obj(300, 470, 't b b b');
  c.connect(disconnect, 0, dT, 0).connect(dT, 2, stopS, 0).connect(dT, 1, disc, 0);
  c.connect(dT, 0, needsLine(c, 300, 560, 'disconnected: hits play the base sound until connect HOST PORT'), 0);
  return c;
}

function needsLine(c: PdCanvas, x: number, y: number, text: string): PdBox {
  const m = c.msg(x, y, text);
  c.connect(m, 0, printer(c, x, y + 25), 0);
  return m;
}

/** tr.remap.pd */
export function trRemapPd(): string {
  const c = new PdCanvas({ x: 40, y: 40, width: 1100, height: 600 });
  c.text(20, 10, `tr.remap [PORT [BUDGET_MS]]: detect each hit (tr.onset~), send its onset window to the TimbreRemap bridge (npx timbre-remap osc, port ${DEFAULT_BRIDGE_PORT}) and output, at a fixed time after the onset (window + budget, default ${DEFAULT_BUDGET_MS} ms), the hit for tr.808~: 14 normalised parameters (the model's answer, or the base sound when it is late or the bridge is gone) and the start offset. Generated by scripts/build-pd.ts. See tr.remap-help.pd.`, 140);
  c.obj(960, 80, `block~ ${PD_BLOCK}`);
  const audio = c.obj(20, 110, 'inlet~');
  const ctl = c.obj(420, 110, 'inlet');
  const onset = c.obj(20, 160, 'tr.onset~');
  c.connect(audio, 0, onset, 0).connect(c.obj(200, 130, 'r $0-onsetctl'), 0, onset, 1);
  const cap = c.subpatch(20, 220, 'capture', capture());
  c.connect(audio, 0, cap, 0).connect(onset, 0, cap, 1);
  c.subpatch(200, 220, 'hits', hits());
  c.subpatch(300, 220, 'bridge', bridge());
  c.subpatch(400, 220, 'detector', detector());
  const control_ = c.subpatch(420, 160, 'control', control());
  c.connect(ctl, 0, control_, 0);
  c.subpatch(520, 220, 'link', link());
  // the variables the exprs share (a [value] must exist before an expr reads or sets it)
  VARIABLES.forEach((v, k) => c.obj(700 + 90 * (k % 4), 80 + 25 * Math.floor(k / 4), `value ${v}$0`));
  c.connect(c.obj(20, 280, 'r $0-hit'), 0, c.obj(20, 320, 'outlet'), 0);
  c.connect(c.obj(200, 280, 'r $0-onset'), 0, c.obj(200, 320, 'outlet'), 0);
  c.connect(c.obj(400, 280, 'r $0-reply'), 0, c.obj(400, 320, 'outlet'), 0);
  c.connect(onset, 2, c.obj(600, 320, 'outlet~'), 0);
  c.text(20, 370, 'Outlets: the hit (14 parameters 0..1 + start offset in samples, for tr.808~) / a bang per onset / replies and diagnostics (hit ID 1|0 = answered|base sound, model, features, physical, status, error, progress, trained) / the onset-detection function (signal, dB, from tr.onset~).', 100);
  return pdFile(c);
}
