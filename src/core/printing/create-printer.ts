/** createPrinter(config, logger, { dataDir }): the Printer config `printing` asks for. */
import path from 'node:path';
import type { Logger } from '../log/logger';
import { printingConfigSchema, type PrintingConfigInput } from './config';
import { CupsPrinter } from './cups-printer';
import { FolderPrinter } from './folder-printer';
import { NoPrinter } from './no-printer';
import type { Printer } from './print-service';
import type { SpawnFunction } from './process-runner';
import { WindowsPrinter } from './windows-printer';

export interface CreatePrinterOptions {
  /** The kiosk's data folder: relative paths and the default printouts folder are resolved here. */
  dataDir: string;
  /** Tests replace the process spawner. */
  spawn?: SpawnFunction;
}

export function createPrinter(input: PrintingConfigInput, logger: Logger, options: CreatePrinterOptions): Printer {
  const config = printingConfigSchema.parse(input);
  const resolve = (p: string) => path.resolve(options.dataDir, p);
  const timeoutMs = config.timeoutSeconds * 1000;
  switch (config.adapter) {
    case 'cups':
      return new CupsPrinter({
        printer: config.printer as string,
        media: config.media,
        timeoutMs,
        logger,
        spawn: options.spawn,
      });
    case 'windows':
      return new WindowsPrinter({
        printer: config.printer,
        sumatraPath: resolve(config.sumatraPath as string),
        tempDir: config.tempDir ? resolve(config.tempDir) : null,
        media: config.media,
        timeoutMs,
        logger,
        spawn: options.spawn,
      });
    case 'folder':
      return new FolderPrinter({
        dir: resolve(config.folder ?? 'printouts'),
        allowPersonalData: config.folderAllowPersonalData,
        logger,
      });
    case 'none':
      return new NoPrinter();
  }
}
