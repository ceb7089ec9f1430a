import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/**
 * Builds every command a user or IT runs (`npm run blankett`, `check-config`, `hash-pin`,
 * `recover-cases`, `sim:*`) ahead to out/cli/<name>.js, so that it starts with plain Node (and Node's
 * compile cache) instead of a TypeScript loader compiling the sources at every start. scripts/cli.mjs
 * runs them (building on demand when out/cli is missing or older than one of its sources, listed in
 * out/cli/sources.json so that the check stats those files only). Dependencies stay external.
 *
 * Sources find their resources relative to their own place (`new URL('../../../resources/…',
 * import.meta.url)`); bundled, every module lives in one chunk under out/cli/. The `source-location`
 * plugin gives each module its original location back: `import.meta.url` and `import.meta.dirname` in
 * src/x/y.ts become the URL and folder of src/x/y.ts, computed from the chunk's own place at run time
 * (out/cli/ is two folders below the root, out/cli/snapshot/ three), so the built commands and the sources
 * agree.
 */
export const CLI_ENTRIES = {
  blankett: 'src/core/documents/blankett-cli.ts',
  'check-config': 'src/core/config/check-config-cli.ts',
  'hash-pin': 'src/core/staff/hash-pin-cli.ts',
  'recover-cases': 'src/core/cases/recover-cases-cli.ts',
  'sim-bankid': 'src/simulators/bankid/cli.ts',
  'sim-freja': 'src/simulators/freja/cli.ts',
  'sim-receiver': 'src/simulators/receiver/cli.ts',
  'sim-register': 'src/simulators/register/cli.ts',
} as const;

const root = import.meta.dirname;

function sourceLocation(outDir: string): Plugin {
  const toRoot = path.relative(outDir, root).split(path.sep).join('/');
  return {
    name: 'source-location',
    transform(code, id) {
      if (!id.startsWith(path.join(root, 'src')) || !code.includes('import.meta.')) return null;
      const fromOut = path.posix.join(toRoot, path.relative(root, id).split(path.sep).join('/'));
      const dirFromOut = path.posix.dirname(fromOut);
      const replaced = code
        .replaceAll('import.meta.url', `new URL(${JSON.stringify(fromOut)}, import.meta.url).href`)
        .replaceAll('import.meta.dirname', `(import.meta.dirname + ${JSON.stringify(`/${dirFromOut}`)})`);
      return { code: replaced, map: null };
    },
  };
}

/** out/cli/sources.json: the source files (relative to the root) the built commands were made from. */
function sourceList(): Plugin {
  return {
    name: 'source-list',
    generateBundle(_options, bundle) {
      // package-lock.json: the snapshot bundles its dependencies, so an `npm install` that changes one
      // makes it stale (the commands themselves load theirs from node_modules at run time)
      const sources = new Set<string>(['cli.vite.config.ts', 'package-lock.json']);
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        for (const id of chunk.moduleIds) {
          if (id.startsWith(path.join(root, 'src'))) sources.add(path.relative(root, id).split(path.sep).join('/'));
        }
      }
      this.emitFile({ type: 'asset', fileName: 'sources.json', source: JSON.stringify([...sources].sort()) });
    },
  };
}

/**
 * Commands also started from a V8 startup snapshot (`vite build -c cli.vite.config.ts --mode snapshot`,
 * then scripts/build-snapshots.mjs): name → the snapshot's entry. Everything is bundled into one
 * CommonJS script under out/cli/snapshot/, as `node --build-snapshot` requires.
 */
export const SNAPSHOT_ENTRIES = {
  blankett: 'src/core/documents/blankett-snapshot.ts',
} as const;

export default defineConfig(({ mode }) =>
  mode === 'snapshot'
    ? {
        plugins: [sourceLocation(path.join(root, 'out/cli/snapshot')), sourceList()],
        ssr: { noExternal: true },
        build: {
          ssr: true,
          outDir: path.join(root, 'out/cli/snapshot'),
          emptyOutDir: true,
          target: 'node22',
          reportCompressedSize: false,
          rollupOptions: {
            input: Object.fromEntries(
              Object.entries(SNAPSHOT_ENTRIES).map(([name, file]) => [name, path.join(root, file)]),
            ),
            output: { entryFileNames: '[name].cjs', format: 'cjs', codeSplitting: false },
          },
        },
      }
    : {
        plugins: [sourceLocation(path.join(root, 'out/cli')), sourceList()],
        build: {
          ssr: true,
          outDir: path.join(root, 'out/cli'),
          emptyOutDir: true,
          target: 'node22',
          reportCompressedSize: false,
          rollupOptions: {
            input: Object.fromEntries(Object.entries(CLI_ENTRIES).map(([name, file]) => [name, path.join(root, file)])),
            output: { entryFileNames: '[name].js', chunkFileNames: 'chunk-[name]-[hash].js', format: 'es' },
          },
        },
      },
);
