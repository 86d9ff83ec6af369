import { defineConfig } from 'tsup';

// Library + CLI for Node (dist/), CommonJS; `dependencies` stay external (installed by npm), the
// build-time ones (devDependencies: tfjs, onnx-proto) are inlined. onnxruntime is an optional peer,
// required only for graphs the JS evaluator does not run. The Max engine bundle (externals/,
// everything inlined) is built by scripts/build-max.ts.
export default defineConfig([
  {
    // The training workers sit beside cli.js: src/train spawns them by file name.
    entry: { index: 'src/index.ts', cli: 'src/cli/main.ts', trainWorker: 'src/train/trainWorker.ts', dspWorker: 'src/train/dspWorker.ts' },
    outDir: 'dist',
    format: ['cjs'],
    target: 'node18',
    platform: 'node',
    dts: { entry: { index: 'src/index.ts' } },
    sourcemap: true,
    clean: true,
    splitting: false,
    external: ['onnxruntime-node', 'onnxruntime-web', '@resvg/resvg-js', 'max-api'],
    // tfjs-core's gradient registrations are ES modules with extensionless imports that plain
    // Node cannot resolve: inline them (esbuild resolves them at build time).
    // @wasm-audio-decoders/flac is an ES module only: inline it too, so dist/ runs on Node 18.
    noExternal: [/^@tensorflow\//, /^@wasm-audio-decoders\//, /^codec-parser$/, /^simple-yenc$/],
  },
]);
