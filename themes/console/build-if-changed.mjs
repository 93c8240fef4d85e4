// Run by the themes module's Maven build (exec-maven-plugin) with the machine's Node and npm:
// installs the locked dependencies when package-lock.json changed, builds the console when its inputs changed,
// and otherwise does nothing, so a Maven build without front-end changes costs no npm time.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
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

const inputs = ['src', 'index.html', 'vite.config.js', 'package-lock.json', 'package.json'].map((p) => join(here, p));
const changed = !existsSync(stamp) || !existsSync(join(out, 'index.html'))
  || Math.max(...inputs.map(newest)) > statSync(stamp).mtimeMs;
if (changed) {
  run('run', 'build');
  writeFileSync(stamp, new Date().toISOString() + '\n');
} else {
  console.log('Partner Access console: inputs unchanged, build skipped');
}
