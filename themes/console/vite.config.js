import { defineConfig } from 'vite';

// The console is served by the extension at /realms/{realm}/partner-access/console/; index.html carries a
// <base href> with that path, so every asset is addressed relative to it. The build goes into the themes
// module's classes, which the deployable jar shades in.
export default defineConfig({
  base: './',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: '../target/classes/partner-access-console',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
  },
});
