#!/usr/bin/env node
// `npm run bench -- <name>`: builds the project and the benchmarks, then runs dist/bench/<name>.js.
const { execSync } = require('node:child_process');
const { existsSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const name = process.argv[2];
execSync('node bin/build.js --if-stale', { cwd: root, stdio: 'inherit' });
execSync('npx swc bench -d dist --config-file .swcrc -q', { cwd: root, stdio: 'inherit' });
const names = readdirSync(__dirname).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));
const file = join(root, 'dist', 'bench', `${name}.js`);
if (!names.includes(name) || !existsSync(file)) {
  if (name) process.stderr.write(`no benchmark named "${name}"\n`);
  process.stderr.write(`usage: npm run bench -- <${names.join('|')}>\n`);
  process.exit(2);
}
require('tsconfig-paths').register({
  baseUrl: join(root, 'dist'),
  paths: { '@patron/config': ['config/index.js'], '@patron/*': ['libs/*/src'], '@patron-examples/*': ['examples/*/src'] },
  // Only the aliases: by default every other bare require (express, pg, …) is first looked for under dist/ too,
  // a handful of file probes for each of the ~3,000 requires of a start.
  addMatchAll: false,
});
require(file);
