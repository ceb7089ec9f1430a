import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** Builds the browser side of the host bridge to out/host-client/client.js. */
export default defineConfig({
  build: {
    outDir: resolve(__dirname, '../../out/host-client'),
    emptyOutDir: true,
    target: 'chrome130',
    lib: { entry: resolve(__dirname, 'client.ts'), formats: ['es'], fileName: () => 'client.js' },
    reportCompressedSize: false,
    minify: true,
  },
});
