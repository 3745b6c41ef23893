#!/usr/bin/env node
// Runs a built entry point (`node bin/run.js storefront-api`) with the @patron/* aliases resolved inside dist/.
const { join } = require('node:path');
const { existsSync } = require('node:fs');

const dist = join(__dirname, '..', 'dist');
const app = process.argv[2];
const entry = join(dist, 'apps', app ?? '', 'src', 'main.js');
if (!app || !existsSync(entry)) {
  process.stderr.write(`usage: node bin/run.js <all-in-one|storefront-api|backoffice-api|worker|cli> [args]\n(build first: npm run build)\n`);
  process.exit(2);
}
require('tsconfig-paths').register({
  baseUrl: dist,
  paths: { '@patron/config': ['config/index.js'], '@patron/*': ['libs/*/src'], '@patron-examples/*': ['examples/*/src'] },
  // Only the aliases: by default every other bare require (express, pg, …) is first looked for under dist/ too,
  // a handful of file probes for each of the ~3,000 requires of a start.
  addMatchAll: false,
});
process.argv.splice(1, 2, entry);
require(entry);
