// Run by the themes module's Maven build (exec-maven-plugin) with the machine's Node and npm:
// installs the locked dependencies when package-lock.json changed; when the console's inputs changed, type-checks
// it, runs its component tests (Vitest; a failing test fails the Maven build) and builds it; otherwise it does
// nothing, so a Maven build without front-end changes costs no npm time. `--skip-tests=true` (Maven's -DskipTests)
// leaves the component tests out.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
const out = join(here, '..', 'target', 'classes', 'partner-access-console');
// The stamp lives beside the bundle, not in it: a build time inside the jar would make every build's bytes differ.
const stamp = join(here, '..', 'target', 'console-built.stamp');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function newest(path) {
  const info = statSync(path);
  if (!info.isDirectory()) {
    return info.mtimeMs;
  }
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), info.mtimeMs);
}

const run = (...args) => execFileSync(npm, args, { cwd: here, stdio: 'inherit' });

const installed = join(here, 'node_modules', '.package-lock.json');
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(join(here, 'package-lock.json')).mtimeMs) {
  run('ci', '--no-audit', '--no-fund');
}

const skipTests = process.argv.includes('--skip-tests=true');
// The login theme's message bundles are inputs too: the console takes the texts it shares with the login pages from them.
const inputs = ['src', 'public', 'index.html', 'vite.config.js', 'tsconfig.json', 'package-lock.json', 'package.json',
  join('..', 'src', 'main', 'resources', 'theme-resources', 'messages')].map((p) => join(here, p));
// A build made with the tests skipped is built again, with them, by the next build that runs tests.
const changed = !existsSync(stamp) || !existsSync(join(out, 'index.html'))
  || Math.max(...inputs.map(newest)) > statSync(stamp).mtimeMs
  || (!skipTests && readFileSync(stamp, 'utf8').includes('tests skipped'));
if (changed) {
  if (!skipTests) {
    run('test');
  }
  run('run', 'build');
  writeFileSync(stamp, new Date().toISOString() + (skipTests ? ' tests skipped' : '') + '\n');
} else {
  console.log('Partner Access console: inputs unchanged, build skipped');
}
