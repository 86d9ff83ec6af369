/**
 * Adapter from the trainer's weights ([in × out], x·W, as tfjs) to the model runtime's
 * `MlpWeights` ([out × in], PyTorch `nn.Linear` layout), which `buildOnnxModel` turns into ONNX.
 */
import type { MlpWeights } from '../model/weights';
import type { NetworkWeights } from './network';

export function toOnnxWeights(w: NetworkWeights): MlpWeights {
  return {
    arch: w.arch,
    layers: w.layers.map((l) => {
      const weight = new Float32Array(l.inSize * l.outSize);
      for (let i = 0; i < l.inSize; i++) for (let o = 0; o < l.outSize; o++) weight[o * l.inSize + i] = l.weight[i * l.outSize + o];
      return { weight, ...(l.bias ? { bias: Float32Array.from(l.bias) } : {}), outFeatures: l.outSize, inFeatures: l.inSize };
    }),
  };
}
