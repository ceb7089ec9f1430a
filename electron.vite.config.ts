import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { withPolicyMeta } from './src/serving/security-policy';

/** The renderer's index.html carries the kiosk's one security policy as a meta tag. */
const securityPolicyMeta: Plugin = {
  name: 'kiosk-security-policy-meta',
  transformIndexHtml: { order: 'pre', handler: (html) => withPolicyMeta(html) },
};

/**
 * Every chunk but the first bundle asks V8 to compile all its functions when it loads (an explicit
 * compile hint, Chromium 136 and later). The screens are loaded in the background while the start screen
 * is idle (screens/screen-registry.ts); without the hint V8 only pre-parses them then and compiles each
 * function on its first call — on the visitor's tap, on the main thread. The first bundle stays lazy so
 * the first paint is not delayed. Added after minification, which would drop it as a comment.
 */
const compileHints: Plugin = {
  name: 'kiosk-compile-hints',
  apply: 'build',
  generateBundle: {
    order: 'post',
    handler(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && !chunk.isEntry) chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
      }
    },
  },
};

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(__dirname, 'src/main/index.ts') } },
      // native and heavy Node modules stay external and are loaded from node_modules / app.asar.unpacked
      externalizeDeps: true,
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // a sandboxed preload must be one CommonJS file with no Node built-ins: bundle everything
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
      target: 'chrome130',
      // electron-vite leaves bundles unminified; the kiosk's first paint depends on this one
      minify: true,
      reportCompressedSize: false,
    },
    plugins: [vue(), securityPolicyMeta, compileHints],
  },
});
