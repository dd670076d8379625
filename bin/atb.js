#!/usr/bin/env node
// The compiled CLI, bundled (dist/cli: `npm run build` compiles dist/ with tsc, then esbuild joins the
// CLI's ~170 modules into a few files, which takes about 0.1 s off every start: Node's ES module loader
// pays for each module it resolves, reads and links). `npm install` / `npm ci` build through the
// `prepare` script, so this works in a fresh clone. During development `npm run atb -- ...` runs the sources.
import { main, quietOnClosedPipe } from '../dist/cli/cli.js';

quietOnClosedPipe();
process.exitCode = await main(process.argv);
