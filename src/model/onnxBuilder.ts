/**
 * The mapping networks as ONNX graphs (opset 17), written and read back with onnx-proto (protobufjs).
 *
 * Graph, input `features` float32 [N,3] (N dynamic), output `modulation` float32 [N,14]:
 *   linear     Gemm(x, W, transB=1) → Clip(−1, 1)
 *   mlp        Gemm(x, W1, b1, transB=1) → LayerNormalization(axis −1, eps 1e-5, scale 1) → Relu
 *              → Gemm(·, W2, b2, transB=1) → Tanh
 *   mlp-large  3 × [Gemm → LayerNormalization → Relu] → Gemm → Tanh
 * Gemm with transB=1 takes the weight as stored by nn.Linear ([out × in]), so initializers are the
 * trained arrays unchanged. LayerNormalization (opset 17) needs a Scale input: a vector of ones (the
 * reference LayerNorm has no affine part; the ones are not trainable parameters).
 */
import { UserError } from '../util/errors';
import { onnx } from 'onnx-proto';
import { ONNX_INPUT_NAME, ONNX_OUTPUT_NAME, type Architecture } from './bundle';
import { LAYER_NORM_EPS, type LayerWeights, type MlpWeights, weightsProblem } from './weights';

export const ONNX_OPSET = 17;
/** ONNX IR version 8 is the one that goes with opset 17 (ONNX 1.12). */
export const ONNX_IR_VERSION = 8;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const A = onnx.AttributeProto.AttributeType;

/**
 * Encode the network as an ONNX ModelProto.
 * @param weights layer weights; any widths are accepted if they chain (the bundle loader checks
 *   [N,3] → [N,14]); a second `arch` argument, if given, must equal `weights.arch`.
 * @throws TypeError when the weights do not form a network of their architecture
 */
export function buildOnnxModel(weights: MlpWeights, arch?: Architecture): Uint8Array {
  const problem = weightsProblem(weights);
  if (problem) throw new UserError(`buildOnnxModel: ${problem}`, 'E_ARG');
  if (arch !== undefined && arch !== weights.arch) throw new UserError(`buildOnnxModel: weights are ${weights.arch}, asked for ${arch}`, 'E_ARG');
  const nodes: onnx.INodeProto[] = [];
  const inits: onnx.ITensorProto[] = [];
  const last = weights.layers.length - 1;
  let x = ONNX_INPUT_NAME;
  weights.layers.forEach((L, l) => {
    const gemmOut = l === last && weights.arch === 'linear' ? 'logits' : `layers.${l}.linear`;
    inits.push(floatTensor(`layers.${l}.weight`, [L.outFeatures, L.inFeatures], L.weight));
    const gemmIn = [x, `layers.${l}.weight`];
    if (L.bias) {
      inits.push(floatTensor(`layers.${l}.bias`, [L.outFeatures], L.bias));
      gemmIn.push(`layers.${l}.bias`);
    }
    nodes.push(node('Gemm', `layers.${l}.gemm`, gemmIn, [gemmOut], [{ name: 'transB', type: A.INT, i: 1 }]));
    x = gemmOut;
    if (l < last) {
      inits.push(floatTensor(`layers.${l}.ln_scale`, [L.outFeatures], new Float32Array(L.outFeatures).fill(1)));
      nodes.push(node('LayerNormalization', `layers.${l}.norm`, [x, `layers.${l}.ln_scale`], [`layers.${l}.norm`], [
        { name: 'axis', type: A.INT, i: -1 },
        { name: 'epsilon', type: A.FLOAT, f: LAYER_NORM_EPS },
      ]));
      nodes.push(node('Relu', `layers.${l}.relu`, [`layers.${l}.norm`], [`layers.${l}.relu`]));
      x = `layers.${l}.relu`;
    }
  });
  if (weights.arch === 'linear') {
    inits.push(floatTensor('clip_min', [], Float32Array.of(-1)), floatTensor('clip_max', [], Float32Array.of(1)));
    nodes.push(node('Clip', 'output.clip', [x, 'clip_min', 'clip_max'], [ONNX_OUTPUT_NAME]));
  } else {
    nodes.push(node('Tanh', 'output.tanh', [x], [ONNX_OUTPUT_NAME]));
  }
  const graph = onnx.GraphProto.create({
    name: `timbre_remap_${weights.arch.replace('-', '_')}`,
    node: nodes,
    initializer: inits,
    input: [valueInfo(ONNX_INPUT_NAME, weights.layers[0].inFeatures)],
    output: [valueInfo(ONNX_OUTPUT_NAME, weights.layers[last].outFeatures)],
  });
  const model = onnx.ModelProto.create({
    irVersion: ONNX_IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'timbre-remap',
    docString: `TimbreRemap mapping network (${weights.arch}): normalised onset features [N,3] → synth parameter modulation [N,14] (tanh range, before damping).`,
    metadataProps: [{ key: 'architecture', value: weights.arch }],
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}

/**
 * Read the weights back from an ONNX model written by `buildOnnxModel` (or one with exactly the same
 * graph structure). Returns null for any other graph, or bytes that do not decode: such models
 * still run on onnxruntime, only the architecture and the pure-JS evaluator are unknown.
 */
export function readOnnxWeights(bytes: Uint8Array): MlpWeights | null {
  let model: onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch {
    return null;
  }
  // decoded messages are class instances: repeated fields are arrays (empty when absent)
  const g = model.graph as onnx.GraphProto | null;
  if (!g || g.input.length < 1 || g.output.length !== 1) return null;
  const inits = new Map<string, { dims: number[]; data: Float32Array }>();
  for (const t of g.initializer) {
    const data = tensorFloats(t);
    if (!data || !t.name) return null;
    inits.set(t.name, { dims: (t.dims ?? []).map(num), data });
  }
  const graphInputs = (g.input as onnx.ValueInfoProto[]).filter((v) => !inits.has(v.name));
  if (graphInputs.length !== 1) return null;
  const layers: LayerWeights[] = [];
  let x = graphInputs[0].name;
  let tail: 'clip' | 'tanh' | null = null;
  const nodes = g.node as onnx.NodeProto[];
  for (let k = 0; k < nodes.length; ) {
    const n = nodes[k];
    if (n.input[0] !== x || n.output.length !== 1) return null;
    if (n.opType === 'Gemm') {
      const L = readGemm(n, inits);
      if (!L) return null;
      layers.push(L);
      x = n.output[0];
      k++;
      const ln = nodes[k];
      const relu = nodes[k + 1];
      if (ln?.opType === 'LayerNormalization') {
        if (!isPlainLayerNorm(ln, x, L.outFeatures, inits) || relu?.opType !== 'Relu' || relu.input[0] !== ln.output[0]) return null;
        x = relu.output[0];
        k += 2;
      }
    } else if ((n.opType === 'Tanh' || n.opType === 'Clip') && k === nodes.length - 1) {
      if (n.opType === 'Clip' && !isUnitClip(n, inits)) return null;
      tail = n.opType === 'Tanh' ? 'tanh' : 'clip';
      x = n.output[0];
      k++;
    } else {
      return null;
    }
  }
  if (x !== (g.output[0] as onnx.ValueInfoProto).name || !tail) return null;
  // Which architecture: the layer count, bias presence and output function must all agree.
  const hiddenCount = nodes.filter((n) => n.opType === 'LayerNormalization').length;
  if (hiddenCount !== layers.length - 1) return null;
  let arch: Architecture;
  if (layers.length === 1 && tail === 'clip' && !layers[0].bias) arch = 'linear';
  else if (layers.length === 2 && tail === 'tanh') arch = 'mlp';
  else if (layers.length === 4 && tail === 'tanh') arch = 'mlp-large';
  else return null;
  const w: MlpWeights = { arch, layers };
  return weightsProblem(w) ? null : w;
}

function readGemm(n: onnx.INodeProto, inits: Map<string, { dims: number[]; data: Float32Array }>): LayerWeights | null {
  const attr = attrs(n);
  if ((attr.transA ?? 0) !== 0 || (attr.transB ?? 0) !== 1 || (attr.alpha ?? 1) !== 1 || (attr.beta ?? 1) !== 1) return null;
  const W = inits.get(n.input![1]);
  if (!W || W.dims.length !== 2) return null;
  const [outFeatures, inFeatures] = W.dims;
  let bias: Float32Array | undefined;
  if (n.input!.length > 2 && n.input![2]) {
    const B = inits.get(n.input![2]);
    if (!B || B.dims.length !== 1 || B.dims[0] !== outFeatures) return null;
    bias = B.data;
  }
  return bias ? { weight: W.data, bias, outFeatures, inFeatures } : { weight: W.data, outFeatures, inFeatures };
}

function isPlainLayerNorm(n: onnx.INodeProto, x: string, width: number, inits: Map<string, { dims: number[]; data: Float32Array }>): boolean {
  const a = attrs(n);
  if (n.input![0] !== x || ((a.axis ?? -1) !== -1 && a.axis !== 1)) return false;
  if (Math.abs((a.epsilon ?? 1e-5) - LAYER_NORM_EPS) > 1e-9) return false;
  const scale = inits.get(n.input![1]);
  if (!scale || scale.data.length !== width || scale.data.some((v) => v !== 1)) return false;
  if (n.input!.length > 2 && n.input![2]) {
    const b = inits.get(n.input![2]);
    if (!b || b.data.some((v) => v !== 0)) return false;
  }
  return true;
}

function isUnitClip(n: onnx.INodeProto, inits: Map<string, { dims: number[]; data: Float32Array }>): boolean {
  const lo = inits.get(n.input![1] ?? '');
  const hi = inits.get(n.input![2] ?? '');
  return !!lo && !!hi && lo.data.length === 1 && hi.data.length === 1 && lo.data[0] === -1 && hi.data[0] === 1;
}

/** Attributes as numbers (ints and floats only; what these graphs use). */
function attrs(n: onnx.INodeProto): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of n.attribute ?? []) {
    if (a.type === A.INT && a.name) out[a.name] = num(a.i ?? 0);
    else if (a.type === A.FLOAT && a.name) out[a.name] = a.f ?? 0;
  }
  return out;
}

function node(opType: string, name: string, input: string[], output: string[], attribute: onnx.IAttributeProto[] = []): onnx.INodeProto {
  return { opType, name, input, output, attribute };
}

/** Float32 initializer; `rawData` is little-endian as the ONNX spec requires. */
function floatTensor(name: string, dims: number[], values: Float32Array): onnx.ITensorProto {
  const raw = new Uint8Array(values.length * 4);
  const view = new DataView(raw.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return { name, dims, dataType: FLOAT, rawData: raw };
}

function tensorFloats(t: onnx.ITensorProto): Float32Array | null {
  if (t.dataType !== FLOAT) return null;
  const count = (t.dims ?? []).map(num).reduce((a, b) => a * b, 1);
  if (t.rawData && t.rawData.length > 0) {
    if (t.rawData.length !== count * 4) return null;
    const view = new DataView(t.rawData.buffer, t.rawData.byteOffset, t.rawData.byteLength);
    return Float32Array.from({ length: count }, (_, i) => view.getFloat32(i * 4, true));
  }
  if (t.floatData && t.floatData.length === count) return Float32Array.from(t.floatData);
  return null;
}

function valueInfo(name: string, width: number): onnx.IValueInfoProto {
  return { name, type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimParam: 'N' }, { dimValue: width }] } } } };
}

/** protobufjs gives int64 fields as number or Long. */
function num(v: number | { toNumber(): number } | null | undefined): number {
  return typeof v === 'number' ? v : v ? v.toNumber() : 0;
}
