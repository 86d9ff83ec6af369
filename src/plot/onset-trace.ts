/**
 * The onset detector's onsets and internal traces for `plot onsets`, from src/onset (the one
 * implementation of the detector; this file only adapts its trace to the picture's data shape).
 */
import { detectOnsetsWithTrace, type OnsetMode, type OnsetOptions } from '../onset';
import type { OnsetTraceData } from './onsets';

export interface OnsetTraceResult {
  onsets: number[];
  trace: OnsetTraceData;
  /** One line for the subtitle: the detector's settings. */
  description: string;
}

/** @param detector a mode (its default settings) or complete options (e.g. a model's detector) */
export function onsetTrace(signal: Float32Array, sampleRateHz: number, detector: OnsetMode | OnsetOptions): OnsetTraceResult {
  const { onsets, trace } = detectOnsetsWithTrace(signal, sampleRateHz, typeof detector === 'string' ? { mode: detector } : detector);
  const fixedFloor = typeof trace.noiseFloorDb === 'number';
  const description = `trigger ${fmt(trace.triggerDb)} dB, re-arm ${fmt(trace.rearmDb)} dB${fixedFloor ? `, fixed level floor ${fmt(trace.noiseFloorDb as number)} dBFS` : ', thresholds over the estimated noise floor'}`;
  return {
    onsets,
    trace: {
      odfDb: trace.odfDb,
      triggerDb: trace.triggerDb,
      rearmDb: trace.rearmDb,
      // The reference detector has no estimated floor (a fixed one, named in the subtitle).
      noiseFloorDb: fixedFloor ? undefined : trace.noiseFloorDb,
      levelDb: trace.levelDb,
    },
    description,
  };
}

const fmt = (x: number) => String(Number(x.toFixed(2)));
