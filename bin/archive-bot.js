#!/usr/bin/env node
// The installed `archive-bot` command: runs the TypeScript CLI through tsx, the same way `npm run cli` does.
require('tsx/cjs');
require('dotenv').config({ quiet: true });
const { runCli } = require('../src/cli/main.ts');
runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
