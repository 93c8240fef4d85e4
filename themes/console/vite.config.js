import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vite';

const here = new URL('.', import.meta.url).pathname;

// Names every npm package whose code ends up in the bundle, with its version and licence, as third-party.json
// beside the bundle. NOTICE is generated from this list (tools/notice.py), so it names what is really shipped.
function thirdPartyList() {
  const packageOf = (id) => {
    const at = id.lastIndexOf('/node_modules/');
    if (at < 0) {
      return null;
    }
    const parts = id.slice(at + '/node_modules/'.length).split('/');
    const name = parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
    return { name, dir: id.slice(0, at + '/node_modules/'.length) + name };
  };
  return {
    name: 'partner-access-third-party-list',
    generateBundle(_options, bundle) {
      const found = new Map();
      const record = (pkg) => {
        if (!found.has(pkg.name)) {
          const meta = JSON.parse(readFileSync(join(pkg.dir, 'package.json'), 'utf8'));
          const license = typeof meta.license === 'string' ? meta.license : meta.license?.type;
          if (!license) {
            this.error(`${pkg.name} names no licence in its package.json; NOTICE cannot say what it is`);
          }
          const licenseFile = readdirSync(pkg.dir).filter((f) => /^licen[cs]e/i.test(f)).sort()[0];
          const licenseText = licenseFile ? readFileSync(join(pkg.dir, licenseFile), 'utf8').replace(/\r\n/g, '\n').trim() : null;
          found.set(pkg.name, { name: pkg.name, version: meta.version, license, licenseText });
        }
        return found.get(pkg.name);
      };
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') {
          continue;
        }
        for (const [id, info] of Object.entries(chunk.modules)) {
          // Rollup's helper modules start with a NUL and may carry a query; the file behind them is what counts.
          const pkg = packageOf(id.replace(/^\0/, '').split('?')[0].replace(/\\/g, '/'));
          if (pkg && info.renderedLength > 0) {
            record(pkg);
          }
        }
      }
      // Fonts and images the CSS pulls in are files of a package too: list them, since a font can carry a
      // licence of its own (NOTICE names it).
      for (const asset of Object.values(bundle)) {
        if (asset.type !== 'asset') {
          continue;
        }
        for (const original of asset.originalFileNames ?? []) {
          // Asset origins are relative to the console folder ("node_modules/...").
          const pkg = packageOf(join(here, original).replace(/\\/g, '/'));
          if (pkg) {
            const entry = record(pkg);
            entry.files = [...new Set([...(entry.files ?? []), original.slice(original.lastIndexOf('/') + 1)])].sort();
          }
        }
      }
      const list = [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
      this.emitFile({ type: 'asset', fileName: 'third-party.json', source: JSON.stringify(list, null, 2) + '\n' });
    },
  };
}

// The console is served by the extension at /realms/{realm}/partner-access/console/; index.html carries a
// <base href> with that path, so every asset is addressed relative to it. The build goes into the themes
// module's classes, which the deployable jar shades in.
export default defineConfig({
  base: './',
  esbuild: { jsx: 'automatic' },
  plugins: [thirdPartyList()],
  build: {
    outDir: '../target/classes/partner-access-console',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
  },
});
