#!/usr/bin/env node
// The `rampart` bin. It is a source file rather than the build's entry so that npm links it on
// install, before anything is built (`npm ci` in a fresh clone, then the build, then `npx rampart`).
import '../dist/main.js';
