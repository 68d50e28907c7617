// Bundles the compiled CLI (dist/cli.js and what it imports) into dist/bundle/: a handful of files
// instead of ~900 modules (libphonenumber-js and zod alone are hundreds of small ESM files), which
// takes ~0.1 s off every start. The wizard, PGlite and the other lazily imported parts stay in
// separate chunks, loaded only when used. PGlite stays external: it loads its WASM and data files
// from its own package directory. The bundle sits two levels below the package root, as
// dist/config/load.js does, so PACKAGE_ROOT (config/, schema/, fixtures/) resolves the same.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Chunk names carry a content hash: a build writes new files, so the old ones are removed first
// (they would otherwise pile up in dist/bundle and in the published package).
rmSync('dist/bundle', { recursive: true, force: true });

await build({
  entryPoints: ['dist/cli.js'],
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // CommonJS dependencies (pg, iconv-lite...) call require() for Node built-ins.
  banner: { js: "import { createRequire as __bfCreateRequire } from 'node:module'; const require = __bfCreateRequire(import.meta.url);" },
  external: ['@electric-sql/pglite', '@electric-sql/pglite/*', 'pg-native', 'react-devtools-core'],
  logLevel: 'warning',
});
