#!/usr/bin/env node
'use strict';
// Runs the built CLI (dist/cli.js, made by `npm run build`); in a fresh clone without a build it
// runs the TypeScript sources through tsx (a dev dependency), so `npx timbre-remap` always works.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const built = join(__dirname, '..', 'dist', 'cli.js');
if (existsSync(built)) {
  require(built).main();
} else {
  require('tsx/cjs/api').register();
  require(join(__dirname, '..', 'src', 'cli', 'main.ts')).main();
}
