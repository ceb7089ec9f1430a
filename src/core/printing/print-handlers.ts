/** The contract's `print.status` method, answered from the configured printer. */
import type { HandlersOf } from '../../contract/define';
import type { printMethods } from '../../contract/namespaces/print';
import type { Printer } from './print-service';

export function createPrintHandlers({ printer }: { printer: Printer }): HandlersOf<typeof printMethods> {
  return {
    'print.status': async () => {
      const status = await printer.status();
      return {
        state: status.state,
        printer: status.printer.slice(0, 200),
        ...(status.reason ? { reason: status.reason.slice(0, 100) } : {}),
      };
    },
  };
}
