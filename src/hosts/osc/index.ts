/** The OSC host: a bridge between OSC clients (Pure Data's tr.remap) and the engine. */
export { startOscBridge, detectorArgs, type OscBridge, type OscBridgeOptions, type OscBridgeStats, type OscBridgeLimits, type OscSessionInfo, type OscEngine, type StartTraining, type OscTrainingJob } from './bridge';
export {
  OSC_IN, OSC_OUT, OSC_IN_SPECS, OSC_OUT_SPECS, OSC_PREFIX, STANDARD_RATES_HZ, SESSION_LIMITS, FLOOD_LIMITS, ERROR_LIMITS, FILE_LIMITS, MAX_OSC_EPOCHS, STATE_RESEND_MS,
  describeOscAddresses, type OscAddressSpec,
} from './addresses';
export { parseOscMessage, MAX_FRAME_SAMPLES, type OscRequest } from './messages';
export { decodePacket, encodeMessage, encodeFloats, type OscMessage, type OscValue } from './codec';
