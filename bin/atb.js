#!/usr/bin/env node
// The compiled CLI. `npm install` / `npm ci` build dist/ through the `prepare` script, so this works
// in a fresh clone without a manual build step. During development `npm run atb -- ...` runs the sources.
import { main, quietOnClosedPipe } from '../dist/main/cli.js';

quietOnClosedPipe();
process.exitCode = await main(process.argv);
