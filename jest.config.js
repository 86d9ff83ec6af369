/** Tests run on the TypeScript sources (not dist/), transpiled by swc; `tsc --noEmit` type-checks. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2021' } }] },
  testTimeout: 120000,
  // tfjs-core ships its gradient registrations only as ES modules (dist/register_all_gradients.js and
  // what it imports): let swc compile those to CommonJS (src/train needs them)
  transformIgnorePatterns: ['/node_modules/(?!@tensorflow/tfjs-core/dist/|@wasm-audio-decoders/|@eshaz/web-worker/|codec-parser/|simple-yenc/)'],
  // onnxruntime-node returns typed arrays from Node's main context, which fail `instanceof` in jest's
  // per-file context (microsoft/onnxruntime#16622): every test that runs a model needs this shim
  setupFiles: ['<rootDir>/test/model/jestRealm.ts'],
};
