import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** Builds the browser side of the host bridge to out/host-client/client.js. */
export default defineConfig({
  build: {
    outDir: resolve(import.meta.dirname, '../../out/host-client'),
    emptyOutDir: true,
    target: 'chrome130',
    lib: { entry: resolve(import.meta.dirname, 'client.ts'), formats: ['es'], fileName: () => 'client.js' },
    reportCompressedSize: false,
    minify: true,
  },
});
