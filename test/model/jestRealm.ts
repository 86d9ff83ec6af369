/**
 * Jest runs each test file in its own VM context, so typed arrays made by native addons (here
 * onnxruntime-node's outputs, created in Node's main context) fail `instanceof Float32Array` in the
 * test context, and onnxruntime-common rejects them ("A float32 tensor's data must be type of
 * function Float32Array()"; microsoft/onnxruntime#16622). Outside jest there is one context and no
 * problem. Importing this module makes `instanceof` on the test context's typed-array constructors
 * also accept arrays of the same type from the main context (only for constructors that differ
 * between the two contexts; jest already shares Uint8Array, for Buffer). Suggested for
 * jest.config.js `setupFiles`: every test that runs a model on onnxruntime-node needs it.
 */
import { runInThisContext } from 'node:vm';

const NAMES = ['Float32Array', 'Float64Array', 'Int8Array', 'Uint8Array', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array'] as const;
for (const name of NAMES) {
  const here = (globalThis as unknown as Record<string, { prototype: object }>)[name];
  const main = runInThisContext(name) as { prototype: object };
  if (here === main) continue;
  const ownCheck = Function.prototype[Symbol.hasInstance];
  Object.defineProperty(here, Symbol.hasInstance, {
    configurable: true,
    value(this: unknown, v: unknown): boolean {
      // `this` is a subclass when called through `instanceof Sub`: leave those to the default rule
      return ownCheck.call(this, v) || (this === here && ownCheck.call(main, v));
    },
  });
}
export {};
