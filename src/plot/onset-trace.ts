/**
 * The onset detector's onsets and internal traces for `plot onsets`, from src/onset (the one
 * implementation of the detector; this file only adapts its trace to the picture's data shape).
 */
import { detectOnsetsWithTrace, type OnsetMode } from '../onset';
import type { OnsetTraceData } from './onsets';

export interface OnsetTraceResult {
  onsets: number[];
  trace: OnsetTraceData;
  /** One line for the subtitle: the detector's settings. */
  description: string;
}

export function onsetTrace(signal: Float32Array, sampleRateHz: number, mode: OnsetMode): OnsetTraceResult {
  const { onsets, trace } = detectOnsetsWithTrace(signal, sampleRateHz, { mode });
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
