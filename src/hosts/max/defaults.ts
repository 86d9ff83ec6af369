/** The shipped model the Max host, every help patch and the device start with (the first sound is the remapping). */
export const DEFAULT_MODEL = 'gmrock_808_snare_1';
