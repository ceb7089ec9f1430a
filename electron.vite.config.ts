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
    plugins: [vue(), securityPolicyMeta],
  },
});
