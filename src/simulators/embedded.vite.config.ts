import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * Builds the embedded simulators (BankID and register, with node-forge for their test PKI) to
 * out/simulators/embedded.js: a module of its own that the Electron main process loads at run time
 * only when a demo configuration asks for simulators. The production package leaves out/simulators
 * out (electron-builder.yml); a demo package (electron-builder.demo.yml) keeps it. node-forge is a
 * development dependency, so it is bundled in rather than left to node_modules.
 */
export default defineConfig({
  build: {
    ssr: resolve(import.meta.dirname, 'embedded.ts'),
    outDir: resolve(import.meta.dirname, '../../out/simulators'),
    emptyOutDir: true,
    target: 'node22',
    reportCompressedSize: false,
    rollupOptions: { output: { entryFileNames: 'embedded.js', format: 'es' } },
  },
  ssr: { noExternal: ['node-forge'] },
});
