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

/**
 * out/cli/sources.json (out/cli/snapshot/<name>.sources.json for a snapshot): the source files
 * (relative to the root) the built commands were made from.
 */
function sourceList(fileName: string): Plugin {
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
      this.emitFile({ type: 'asset', fileName, source: JSON.stringify([...sources].sort()) });
    },
  };
}

/**
 * Commands also started from a V8 startup snapshot (scripts/build-snapshots.mjs runs `vite build -c
 * cli.vite.config.ts --mode snapshot-<name>` for each, then `node --build-snapshot`): name → the
 * snapshot's entry. Each is bundled with everything it uses into one CommonJS script under
 * out/cli/snapshot/, as `node --build-snapshot` requires.
 */
export const SNAPSHOT_ENTRIES = {
  blankett: 'src/core/documents/blankett-snapshot.ts',
  'check-config': 'src/core/config/check-config-snapshot.ts',
} as const;

/** Native addons a snapshot's code may use: a snapshot cannot hold one, so it is loaded at run time. */
const NATIVE_MODULES = ['better-sqlite3'];

/**
 * In a snapshot's bundle a native addon becomes a stand-in that requires the real module (from
 * node_modules, as the compiled commands do) the first time its constructor is called, after the
 * process started from the snapshot. Called while the snapshot is built, it throws: the warm-up must not
 * open a database.
 */
function nativeAddonsAtRunTime(): Plugin {
  const prefix = '\0native-at-run-time:';
  return {
    name: 'native-addons-at-run-time',
    enforce: 'pre',
    resolveId(id) {
      return NATIVE_MODULES.includes(id) ? `${prefix}${id}` : null;
    },
    load(id) {
      if (!id.startsWith(prefix)) return null;
      const name = JSON.stringify(id.slice(prefix.length));
      return `import { createRequire } from 'node:module';
import v8 from 'node:v8';
let loaded = null;
export default function NativeAddon(...args) {
  if (v8.startupSnapshot.isBuildingSnapshot()) throw new Error(\`\${${name}} cannot be used while a startup snapshot is built\`);
  loaded ??= createRequire(__filename)(${name});
  return new loaded(...args);
}
`;
    },
  };
}

/** out/cli/snapshots.json: the commands that have a snapshot (scripts/build-snapshots.mjs builds each). */
function snapshotList(): Plugin {
  return {
    name: 'snapshot-list',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'snapshots.json',
        source: JSON.stringify(Object.keys(SNAPSHOT_ENTRIES)),
      });
    },
  };
}

/**
 * Built-in modules whose loading makes handles a snapshot cannot hold (node:http's parser, TLS and DNS
 * bindings). A snapshot's code uses them only after it started (check-config --online, say).
 */
const RUN_TIME_BUILTINS = ['http', 'https', 'http2', 'tls', 'net', 'dns', 'dgram'];

/**
 * In a snapshot's script each of RUN_TIME_BUILTINS is loaded when its first property is read, not when
 * the script is evaluated: the bundler's `let x = require("node:http"); x = __toESM(x, 1);` becomes a
 * stand-in whose `default` is the module and whose other properties are the module's.
 */
function builtinsAtRunTime(): Plugin {
  const names = RUN_TIME_BUILTINS.join('|');
  const pattern = new RegExp(
    `let (\\w+) = require\\("((?:node:)?(?:${names}))"\\);(?:\\n\\1 = __toESM\\(\\1(?:, 1)?\\);)?`,
    'g',
  );
  const standIn = `var __builtinAtRunTime = (name) => {
\tlet loaded = null;
\tconst load = () => loaded ??= require(name);
\treturn new Proxy({}, {
\t\tget: (_, key) => key === "default" ? load() : load()[key],
\t\thas: (_, key) => key === "default" || key in load()
\t});
};
`;
  return {
    name: 'builtins-at-run-time',
    renderChunk(code) {
      let found = false;
      const replaced = code.replace(pattern, (_all, variable: string, name: string) => {
        found = true;
        return `let ${variable} = __builtinAtRunTime(${JSON.stringify(name)});`;
      });
      if (!found) return null;
      const at = replaced.indexOf('\nlet ');
      return { code: `${replaced.slice(0, at + 1)}${standIn}${replaced.slice(at + 1)}`, map: null };
    },
  };
}

/**
 * A module that loads a dependency on first use (`const requireHere = createRequire(import.meta.url)`,
 * then `requireHere('yaml')`: yaml-text.ts) would load it from node_modules, which a snapshot's script
 * cannot do while the snapshot is built (it may use built-in modules only). In a snapshot's bundle
 * those dependencies are bundled instead, and the module's `requireHere` hands them out.
 */
function lazyRequiresBundled(): Plugin {
  return {
    name: 'lazy-requires-bundled',
    transform(code, id) {
      if (!id.startsWith(path.join(root, 'src')) || !code.includes('createRequire(import.meta.url)')) return null;
      const names = [...new Set([...code.matchAll(/requireHere\(['"]([^'"]+)['"]\)/g)].map((m) => m[1] as string))];
      const imports = names.map((n, i) => `import * as __bundled${i} from ${JSON.stringify(n)};`).join('\n');
      const table = names.map((n, i) => `${JSON.stringify(n)}: __bundled${i}`).join(', ');
      const replaced = code.replace(
        'createRequire(import.meta.url)',
        `((name) => {
          const bundled = { ${table} };
          if (!(name in bundled)) throw new Error(\`\${name} is not bundled into the snapshot\`);
          return bundled[name];
        })`,
      );
      return { code: `${imports}\n${replaced}`, map: null };
    },
  };
}

const SNAPSHOT_MODE = /^snapshot-(.+)$/;

export default defineConfig(({ mode }) => {
  // `--mode snapshot-<name>`: one snapshot's script (one bundle each: a snapshot is one script)
  const snapshot = SNAPSHOT_MODE.exec(mode)?.[1];
  if (snapshot !== undefined) {
    const entry = SNAPSHOT_ENTRIES[snapshot as keyof typeof SNAPSHOT_ENTRIES];
    if (!entry) throw new Error(`no command "${snapshot}" has a snapshot (SNAPSHOT_ENTRIES)`);
    return {
      plugins: [
        nativeAddonsAtRunTime(),
        builtinsAtRunTime(),
        lazyRequiresBundled(),
        sourceLocation(path.join(root, 'out/cli/snapshot')),
        sourceList(`${snapshot}.sources.json`),
      ],
      ssr: { noExternal: true },
      build: {
        ssr: true,
        outDir: path.join(root, 'out/cli/snapshot'),
        // scripts/build-snapshots.mjs empties the folder once, before the first
        emptyOutDir: false,
        target: 'node22',
        reportCompressedSize: false,
        rollupOptions: {
          input: { [snapshot]: path.join(root, entry) },
          output: { entryFileNames: '[name].cjs', format: 'cjs', codeSplitting: false },
        },
      },
    };
  }
  return {
    plugins: [sourceLocation(path.join(root, 'out/cli')), sourceList('sources.json'), snapshotList()],
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
  };
});
