/** The OSC host: a bridge between OSC clients (Pure Data's tr.remap) and the engine. */
export { startOscBridge, type OscBridge, type OscBridgeOptions, type OscBridgeStats, type OscEngine, type StartTraining, type OscTrainingJob } from './bridge';
export { OSC_IN, OSC_OUT, OSC_IN_SPECS, OSC_OUT_SPECS, OSC_PREFIX, describeOscAddresses, type OscAddressSpec } from './addresses';
export { parseOscMessage, MAX_FRAME_SAMPLES, type OscRequest } from './messages';
