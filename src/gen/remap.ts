/**
 * Generator of tr.remap~'s GenExpr: the engine's per-hit work (src/engine/engine.ts
 * `processFrame`) done inside gen~, sample-accurately, from the same definitions:
 *
 *   window    ONSET_WINDOW_SAMPLES from ONSET_BACKTRACK_SAMPLES before the onset pulse (in2), scaled
 *             to the host rate as src/engine/constants.ts does; the trigger goes out exactly
 *             triggerDelaySamplesAt(rate) samples after the onset (240 at 44.1 kHz)
 *   features  src/features: RMS dB (RMS_EPS), centroid semitones of the periodic-Hann magnitude
 *             spectrum (L1_EPS, HZ_EPS), flatness dB (POWER_FLOOR, FLATNESS_EPS), from an N-point DFT
 *             accumulated as the window arrives (at most two window samples per audio sample, so the
 *             cost per sample is flat: two passes over ⌊N/2⌋+1 bins)
 *   input     src/engine/normalise.ts: (f − min)/(max − min) limited to ±EXTRAPOLATION, minus ref,
 *             rounded to float32 (the engine's Float32Array input)
 *   network   the layers of record.ts `genLayers` (src/model/weights.ts sizes; LayerNorm with
 *             LAYER_NORM_EPS, ReLU; tanh or clip), output rounded to float32 as the engine's
 *   params    clamp(base + sensitivity · clamp(damping ⊙ m, −1, 1), 0, 1)
 *
 * The weights and everything else arrive in the net record (record.ts) written by node.script.
 * Without a valid record (before node.script has answered) the default preset plays.
 */
import { ONSET_BACKTRACK_SAMPLES, ONSET_WINDOW_SAMPLES, MODEL_SAMPLE_RATE_HZ } from '../engine/constants';
import { EXTRAPOLATION } from '../engine/normalise';
import { DEFAULT_PRESET } from '../engine/engine';
import { RMS_EPS } from '../features/rmsDb';
import { HZ_EPS, L1_EPS } from '../features/centroidSemitones';
import { FLATNESS_EPS, POWER_FLOOR } from '../features/flatnessDb';
import { LAYER_NORM_EPS } from '../model/weights';
import { NUM_PARAMS } from '../synth/params';
import { loadPreset } from '../synth/presets';
import { F32_GENEXPR } from './sources';
import {
  DEFAULT_TIMBRE_RANGE, GEN_ARCHITECTURES, HIT_FEATURES, HIT_PARAMS, HIT_STATE, HIT_TIMBRE, HIT_W, HIT_WINDOW, MAX_WINDOW_SAMPLES, MODE_PRESET,
  MODE_ROUND_TRIP, NET_FIELD, NET_MAGIC, NET_MAX_WEIGHTS, NET_SCALARS, NET_TRAILER_FRAME, NET_WEIGHTS_FRAME, genLayers, type GenLayer,
} from './record';

/** Ring of recent input samples: holds the backtrack (≤ 139 samples at 384 kHz) with room to spare. */
export const REMAP_RING_SAMPLES = 512;
const BINS_MAX = Math.floor(MAX_WINDOW_SAMPLES / 2) + 1;
const HIDDEN_MAX = Math.max(...GEN_ARCHITECTURES.flatMap((a) => genLayers(a.arch).map((l) => l.outFeatures)));

/** Names of the analysis codebox's outlets, in order (the gendsp wires them). */
export const REMAP_ANALYSIS_OUTS = ['trigger', ...Array.from({ length: NUM_PARAMS }, (_, i) => `param${i + 1}`), 'ready', 'loudness', 'brightness', 'noisiness'] as const;

/** A number as GenExpr reads it back exactly (JavaScript's shortest round-trip form). */
const lit = (x: number) => String(x);

/** `v = bank ? peek(netb, f) + peek(netb, f + 1) : …` — one scalar (hi/lo pair) of the active bank. */
const scalar = (frame: string) => `(bk ? peek(netb, ${frame}) + peek(netb, ${frame} + 1) : peek(neta, ${frame}) + peek(neta, ${frame} + 1))`;

function layerCode(L: GenLayer, src: string, dst: string, ind: string): string {
  const w = NET_SCALARS + L.weightAt;
  const b = NET_SCALARS + L.biasAt;
  const lines = [
    `for (o = 0; o < ${L.outFeatures}; o += 1) {`,
    `\ts = ${L.biasAt >= 0 ? `peek(rec, ${b} + o)` : '0'};`,
    `\tfor (i = 0; i < ${L.inFeatures}; i += 1) {`,
    `\t\ts += peek(rec, ${w} + o * ${L.inFeatures} + i) * peek(${src}, i);`,
    '\t}',
  ];
  if (L.activation === 'ln-relu') {
    lines.push(`\tpoke(${dst}, s, o);`, '}');
    lines.push(
      '// LayerNorm without affine part (biased variance), then ReLU',
      'mean = 0;',
      `for (o = 0; o < ${L.outFeatures}; o += 1) {`, `\tmean += peek(${dst}, o);`, '}',
      `mean = mean / ${L.outFeatures};`,
      'vv = 0;',
      `for (o = 0; o < ${L.outFeatures}; o += 1) {`, `\tdz = peek(${dst}, o) - mean;`, '\tvv += dz * dz;', '}',
      `inv = 1 / sqrt(vv / ${L.outFeatures} + ${lit(LAYER_NORM_EPS)});`,
      `for (o = 0; o < ${L.outFeatures}; o += 1) {`, `\tyv = (peek(${dst}, o) - mean) * inv;`, `\tpoke(${dst}, yv > 0 ? yv : 0, o);`, '}',
    );
  } else if (L.activation === 'tanh') {
    lines.push(`\tpoke(${dst}, f32(tanh(s)), o);`, '}');
  } else {
    lines.push(`\tpoke(${dst}, f32(s > 1 ? 1 : s < -1 ? -1 : s), o);`, '}');
  }
  return lines.map((l) => ind + l).join('\n');
}

function networkCode(ind: string): string {
  return GEN_ARCHITECTURES.map(({ arch, mode }) => {
    const layers = genLayers(arch);
    const parts: string[] = [];
    let src = 'netIn';
    layers.forEach((L, l) => {
      const dst = l === layers.length - 1 ? 'netOut' : l % 2 === 0 ? 'hidA' : 'hidB';
      parts.push(`${ind}\t// layer ${l + 1}: ${L.inFeatures} -> ${L.outFeatures}, ${L.activation}`, layerCode(L, src, dst, `${ind}\t`));
      src = dst;
    });
    return `${ind}if (md == ${mode}) {\n\t${ind}// ${arch} (src/model/weights.ts)\n${parts.join('\n')}\n${ind}}`;
  }).join('\n');
}

/** GenExpr of tr.remap~'s analysis codebox (in1 audio, in2 onset pulse). */
export function trRemapAnalysisGenExpr(): string {
  const preset = loadPreset(DEFAULT_PRESET).normalised;
  const F = NET_FIELD;
  const w = ONSET_WINDOW_SAMPLES, bt = ONSET_BACKTRACK_SAMPLES, sr0 = MODEL_SAMPLE_RATE_HZ;
  const genModes = GEN_ARCHITECTURES.map((a) => `md == ${a.mode}`).join(' || ');
  const outs = [
    'out1 = trig;',
    ...Array.from({ length: NUM_PARAMS }, (_, i) => `out${i + 2} = peek(par, ${i});`),
    `out${NUM_PARAMS + 2} = ready;`,
    ...[0, 1, 2].map((i) => `out${NUM_PARAMS + 3 + i} = peek(tim, ${i});`),
  ];
  return `// tr.remap~ analysis: TimbreRemap's engine per hit (src/engine processFrame) inside gen~, generated by
// src/gen/remap.ts from src/features, src/engine and src/model (do not edit the .gendsp).
// in1: audio. in2: onset pulse (tr.onset~ out1). The onset window (${w} samples at ${sr0} Hz from ${bt} before
// the onset, the same duration at other rates) is analysed as it arrives; ${w - bt} samples (scaled) after the
// onset out1 is 1 for one sample with the hit's 14 normalised synth parameters on out2..out15 (held).
// out16: 1 when the hit record (buffer hits: state, W, features, params, timbre, window) is written.
// out17..19: loudness, brightness, noisiness 0..1 of the last hit (held).
// Buffers neta/netb: the net record (src/gen/record.ts), bank chosen by the bank Param; bound to the
// device's own buffer~ by messages [neta #0-tr.net.a( etc. to gen~.
Param bank(0, min=0, max=1);
Buffer neta("tr.net.a");
Buffer netb("tr.net.b");
Buffer hits("tr.hit");
Data ring(${REMAP_RING_SAMPLES});
Data cosTab(${MAX_WINDOW_SAMPLES});
Data sinTab(${MAX_WINDOW_SAMPLES});
Data hannTab(${MAX_WINDOW_SAMPLES});
Data re(${BINS_MAX});
Data im(${BINS_MAX});
Data win(${MAX_WINDOW_SAMPLES});
Data rec(${NET_SCALARS + NET_MAX_WEIGHTS});
Data defBase(${NUM_PARAMS});
Data defTimbre(6);
Data feat(3);
Data netIn(3);
Data hidA(${HIDDEN_MAX});
Data hidB(${HIDDEN_MAX});
Data netOut(${NUM_PARAMS});
Data par(${NUM_PARAMS});
Data tim(3);
History started(0);
History tabRate(0);
History wN(0);
History bN(0);
History nBins(0);
History rpos(0);
History cap(-1);
History lag(0);
History wstart(0);
History sumsq(0);
History stage(0);
History prevOn(0);
History recState(-1);
History recBank(-1);
History recOk(0);

${F32_GENEXPR}

sr = samplerate;
W = wN;
B = bN;
NB = nBins;
rp = rpos;
cp = cap;
lg = lag;
ws = wstart;
ss = sumsq;
st = stage;
rs = recState;
rb = recBank;
ok = recOk;

// window length, backtrack, DFT tables and the fallback preset (${DEFAULT_PRESET}) for this rate
if (!started || tabRate != sr) {
	W = min(floor(${w} * sr / ${sr0} + 0.5), ${MAX_WINDOW_SAMPLES});
	B = floor(${bt} * sr / ${sr0} + 0.5);
	NB = floor(W / 2) + 1;
	for (m = 0; m < W; m += 1) {
		poke(cosTab, cos(TWOPI * m / W), m);
		poke(sinTab, sin(TWOPI * m / W), m);
		poke(hannTab, 0.5 - 0.5 * cos(TWOPI * m / W), m);
	}
	for (k = 0; k < NB; k += 1) {
		poke(re, 0, k);
		poke(im, 0, k);
	}
${Array.from(preset, (v, i) => `\tpoke(defBase, ${lit(v)}, ${i});`).join('\n')}
${DEFAULT_TIMBRE_RANGE.map((t, i) => `\tpoke(defTimbre, ${lit(t.range[0])}, ${i});\n\tpoke(defTimbre, ${lit(t.range[1])}, ${i + 3});`).join('\n')}
	cp = -1;
	st = 0;
}

// the net record: take a copy when the active bank holds a complete record of another state
bk = bank >= 0.5;
hs = ${scalar(String(2 * F.state))};
ts = ${scalar(String(NET_TRAILER_FRAME))};
mg = ${scalar(String(2 * F.magic))};
if (mg == ${NET_MAGIC} && hs == ts && (hs != rs || bk != rb)) {
	for (i = 0; i < ${NET_SCALARS}; i += 1) {
		poke(rec, ${scalar('2 * i')}, i);
	}
	for (i = 0; i < ${NET_MAX_WEIGHTS}; i += 1) {
		poke(rec, bk ? peek(netb, ${NET_WEIGHTS_FRAME} + i) : peek(neta, ${NET_WEIGHTS_FRAME} + i), ${NET_SCALARS} + i);
	}
	rs = hs;
	rb = bk;
	ok = 1;
}

// input (non-finite samples count as 0) into the ring
xs = in1 - in1 == 0 ? in1 : 0;
poke(ring, xs, rp);
rp = (rp + 1) % ${REMAP_RING_SAMPLES};
on = in2 > 0 && prevOn <= 0;

// the sample after the window is complete: network, parameters, hit record, trigger
trig = 0;
ready = 0;
if (st == 1) {
	st = 0;
	md = ${MODE_PRESET};
	sens = 1;
	if (ok) {
		md = peek(rec, ${F.mode});
		sens = peek(rec, ${F.sensitivity});
	}
	for (i = 0; i < ${NUM_PARAMS}; i += 1) {
		poke(par, ok ? peek(rec, ${F.base} + i) : peek(defBase, i), i);
	}
	if (${genModes}) {
		// network input: (f - min)/(max - min), at most ${EXTRAPOLATION} of a range outside it, minus the reference hit
		for (i = 0; i < 3; i += 1) {
			u = (peek(feat, i) - peek(rec, ${F.normMin} + i)) / (peek(rec, ${F.normMax} + i) - peek(rec, ${F.normMin} + i));
			if (!(u >= ${lit(-EXTRAPOLATION)})) {
				u = ${lit(-EXTRAPOLATION)};
			} else if (u > ${lit(1 + EXTRAPOLATION)}) {
				u = ${lit(1 + EXTRAPOLATION)};
			}
			poke(netIn, f32(u - peek(rec, ${F.normRef} + i)), i);
		}
${networkCode('\t\t')}
		// params = clamp(base + sensitivity * clamp(damping * m, -1, 1), 0, 1)
		for (i = 0; i < ${NUM_PARAMS}; i += 1) {
			d = peek(rec, ${F.damping} + i) * peek(netOut, i);
			mo = d > 1 ? 1 : d < -1 ? -1 : (d - d == 0 ? d : 0);
			v = peek(par, i) + sens * mo;
			poke(par, v > 1 ? 1 : v < 0 ? 0 : v, i);
		}
	}
	// timbre 0..1: the features within the model's training range (or the default ranges)
	for (i = 0; i < 3; i += 1) {
		lo = ok ? peek(rec, ${F.timbreMin} + i) : peek(defTimbre, i);
		hi = ok ? peek(rec, ${F.timbreMax} + i) : peek(defTimbre, i + 3);
		tv = (peek(feat, i) - lo) / (hi - lo);
		poke(tim, tv > 1 ? 1 : tv < 0 ? 0 : tv, i);
	}
	poke(hits, ok ? peek(rec, ${F.state}) : -1, ${HIT_STATE});
	poke(hits, W, ${HIT_W});
	for (i = 0; i < 3; i += 1) {
		poke(hits, peek(feat, i), ${HIT_FEATURES} + i);
		poke(hits, peek(tim, i), ${HIT_TIMBRE} + i);
	}
	for (i = 0; i < ${NUM_PARAMS}; i += 1) {
		poke(hits, peek(par, i), ${HIT_PARAMS} + i);
	}
	for (j = 0; j < W; j += 1) {
		poke(hits, peek(win, j), ${HIT_WINDOW} + j);
	}
	trig = md != ${MODE_ROUND_TRIP};
	ready = 1;
}

// an onset starts a capture (one at a time: an onset during a capture is ignored)
if (on && cp < 0) {
	cp = 0;
	lg = B + 1;
	ws = (rp - 1 - B + ${2 * REMAP_RING_SAMPLES}) % ${REMAP_RING_SAMPLES};
	ss = 0;
} else if (cp >= 0) {
	lg += 1;
}

// capture: window samples into the DFT, two per sample until caught up with the input
if (cp >= 0) {
	todo = min(lg, 2);
	for (t = 0; t < todo; t += 1) {
		x = peek(ring, (ws + cp) % ${REMAP_RING_SAMPLES});
		poke(win, x, cp);
		ss += x * x;
		xw = x * peek(hannTab, cp);
		m = 0;
		for (k = 0; k < NB; k += 1) {
			poke(re, peek(re, k) + xw * peek(cosTab, m), k);
			poke(im, peek(im, k) - xw * peek(sinTab, m), k);
			m += cp;
			if (m >= W) {
				m -= W;
			}
		}
		cp += 1;
		lg -= 1;
	}
	if (cp >= W) {
		// the onset features (src/features/onset.ts), then the spectrum is cleared for the next hit
		poke(feat, 20 * log10(sqrt(ss / W + ${lit(RMS_EPS)}) + ${lit(RMS_EPS)}), 0);
		num = 0;
		den = 0;
		ls = 0;
		ps = 0;
		for (k = 0; k < NB; k += 1) {
			a = peek(re, k);
			b = peek(im, k);
			mag = sqrt(a * a + b * b);
			num += k * mag;
			den += mag;
			p = mag * mag;
			p = p < ${lit(POWER_FLOOR)} ? ${lit(POWER_FLOOR)} : p;
			ls += log(p);
			ps += p;
			poke(re, 0, k);
			poke(im, 0, k);
		}
		hz = num / max(den, ${lit(L1_EPS)}) * (sr / W);
		poke(feat, 12 * log2((hz + ${lit(HZ_EPS)}) / 440) + 69, 1);
		poke(feat, 20 * log10(exp(ls / NB) / (ps / NB) + ${lit(FLATNESS_EPS)}), 2);
		st = 1;
		cp = -1;
	}
}

started = 1;
tabRate = sr;
wN = W;
bN = B;
nBins = NB;
rpos = rp;
cap = cp;
lag = lg;
wstart = ws;
sumsq = ss;
stage = st;
prevOn = in2;
recState = rs;
recBank = rb;
recOk = ok;
${outs.join('\n')}
`;
}

/** GenExpr of tr.remap~'s output codebox: (voice + round-trip synth)·√w + dry·√(1 − w), as src/engine/remapper.ts. */
export function trRemapMixGenExpr(): string {
  return `// tr.remap~ output: equal-power dry/wet (src/engine/remapper.ts: synth * sqrt(w) + dry * sqrt(1 - w)).
// in1: dry input. in2: the tr.remap~ voice. in3: a round-trip synth (tr.808~ played by node.script).
// drywet changes glide linearly over 10 ms (no clicks); a constant drywet is exact.
Param drywet(1, min=0, max=1);
History wetG(1);
History dryG(0);

glide = 1 / max(1, floor(0.01 * samplerate + 0.5));
wg = wetG;
dg = dryG;
tw = sqrt(drywet);
td = sqrt(1 - drywet);
wg = abs(tw - wg) <= glide ? tw : wg + (tw > wg ? glide : -glide);
dg = abs(td - dg) <= glide ? td : dg + (td > dg ? glide : -glide);
wetG = wg;
dryG = dg;
out1 = (in2 + in3) * wg + in1 * dg;
`;
}
