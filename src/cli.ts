#!/usr/bin/env node
// pkgshift's entry point. The signal handlers come first, before the rest of pkgshift loads: a
// SIGINT, SIGTERM or SIGHUP at any moment, start-up included, ends the run with its one-line message,
// its exit code (130, 143, 129) and nothing left behind (core/cleanup.ts). This module imports
// nothing else statically, so the window without them is Node's own start-up.
import { removeTrackedOnExit } from './core/cleanup.js';

removeTrackedOnExit();
const { main } = await import('./cli/main.js');
process.exitCode = await main(process.argv.slice(2));
