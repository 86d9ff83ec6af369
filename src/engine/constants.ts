/**
 * The onset window shared by training and live use: the engine analyses `ONSET_WINDOW_SAMPLES`
 * samples starting `ONSET_BACKTRACK_SAMPLES` before the detected onset (exactly the training
 * segmentation: onset − 16, first 256 samples), and the synth is triggered when the window is
 * complete: onset + 240 samples (5.4 ms at 44.1 kHz). At other host rates both scale by
 * rate/44100 (same duration, true rate for the features).
 */
export const MODEL_SAMPLE_RATE_HZ = 44100;
export const ONSET_WINDOW_SAMPLES = 256;
export const ONSET_BACKTRACK_SAMPLES = 16;

export function windowSamplesAt(sampleRateHz: number): number {
  return Math.round((ONSET_WINDOW_SAMPLES * sampleRateHz) / MODEL_SAMPLE_RATE_HZ);
}
export function backtrackSamplesAt(sampleRateHz: number): number {
  return Math.round((ONSET_BACKTRACK_SAMPLES * sampleRateHz) / MODEL_SAMPLE_RATE_HZ);
}
/** Samples from the onset to the trigger (window end): 240 at 44.1 kHz. */
export function triggerDelaySamplesAt(sampleRateHz: number): number {
  return windowSamplesAt(sampleRateHz) - backtrackSamplesAt(sampleRateHz);
}
