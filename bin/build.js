#!/usr/bin/env node
// Compiles apps/, libs/ and config/ into dist/ with swc, and builds the back-office console (apps/backoffice-web, React
// with Vite) into dist/backoffice-web, which the back-office API serves at `/`. `--if-stale` skips the build when dist/
// is newer than every source file. Builds are serialized by a lock file and swapped in whole, so processes starting
// together (or one starting while another runs) never see a half-written dist/.
const { execFileSync } = require('node:child_process');
const { existsSync, mkdirSync, openSync, closeSync, readdirSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const dist = join(root, 'dist');
const stamp = join(dist, '.built');
const lock = join(root, '.build.lock');
const SOURCES = ['apps', 'libs', 'config', 'examples', '.swcrc', 'package-lock.json'];

const newestSource = () => {
  let newest = 0;
  const visit = (path) => {
    const info = statSync(path);
    if (info.isDirectory()) {
      for (const name of readdirSync(path)) if (name !== 'node_modules') visit(join(path, name));
    } else if (!/\.(spec|int-spec|e2e-spec)\.ts$/.test(path)) newest = Math.max(newest, info.mtimeMs);
  };
  for (const source of SOURCES) if (existsSync(join(root, source))) visit(join(root, source));
  return newest;
};
const fresh = () => existsSync(stamp) && statSync(stamp).mtimeMs >= newestSource();

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const acquire = () => {
  for (let waited = 0; ; waited += 200) {
    try {
      closeSync(openSync(lock, 'wx'));
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // A lock older than two minutes belongs to a build that died.
      if (Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { force: true });
      if (waited > 180_000) throw new Error(`another build holds ${lock}`);
      sleep(200);
    }
  }
};

const ifStale = process.argv.includes('--if-stale');
if (ifStale && fresh()) process.exit(0);
acquire();
try {
  if (!(ifStale && fresh())) {
    const staging = join(root, `.dist-${process.pid}`);
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging);
    const swc = join(root, 'node_modules', '.bin', 'swc');
    execFileSync(swc, ['apps', 'libs', 'config', 'examples', '--config-file', '.swcrc', '-d', staging, '-q',
      '--ignore', '**/*.spec.ts', '--ignore', '**/*.int-spec.ts', '--ignore', '**/*.e2e-spec.ts', '--ignore', 'apps/backoffice-web/**'], { cwd: root, stdio: 'inherit' });
    const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
    execFileSync(process.execPath, [vite, 'build', 'apps/backoffice-web', '--outDir', join(staging, 'backoffice-web'), '--emptyOutDir', '--logLevel', 'warn'],
      { cwd: root, stdio: 'inherit' });
    writeFileSync(join(staging, '.built'), new Date().toISOString());
    const old = join(root, `.dist-old-${process.pid}`);
    if (existsSync(dist)) renameSync(dist, old);
    renameSync(staging, dist);
    rmSync(old, { recursive: true, force: true });
  }
} finally {
  try {
    unlinkSync(lock);
  } catch {}
}
