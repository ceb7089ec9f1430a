/**
 * The embedded simulators (BankID and register) for a demo. They are not part of the main bundle:
 * `npm run build` makes them a module of their own (out/simulators/embedded.js, see
 * src/simulators/embedded.vite.config.ts), loaded here at run time only when a demo configuration asks
 * for a simulator. A production package leaves that module out (electron-builder.yml), so it carries
 * neither the simulators nor node-forge; such a build runs in production mode even without a file.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { StartEmbedded } from '../core/kiosk';

export interface EmbeddedSimulators {
  /** The module is part of this build (a development checkout or a demo package). */
  available: boolean;
  /** Starts them (loads the module on first use); rejects in a build without them. */
  start: StartEmbedded;
}

export function embeddedSimulators(moduleFile: string): EmbeddedSimulators {
  const available = existsSync(moduleFile);
  let loaded: Promise<StartEmbedded> | null = null;
  return {
    available,
    start: async (request) => {
      if (!available) throw new Error('this is a production build: it contains no simulators');
      loaded ??= (
        import(/* @vite-ignore */ pathToFileURL(moduleFile).href) as Promise<{ startEmbeddedForKiosk: StartEmbedded }>
      ).then((m) => m.startEmbeddedForKiosk);
      return (await loaded)(request);
    },
  };
}
