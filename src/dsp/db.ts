/** Decibel conversions (amplitude: 20·log10). */
export const dbToGain = (db: number): number => 10 ** (db / 20);
export const gainToDb = (gain: number): number => 20 * Math.log10(gain);
