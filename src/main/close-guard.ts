/**
 * In kiosk mode the window cannot be closed by a visitor: Alt+F4, the window manager's close, a
 * keyboard's close key all arrive as the window's 'close', which is refused (and logged). The app
 * itself may still quit — staff mode's "Stäng av", SIGTERM from the service manager, a shutdown — because
 * every such quit passes 'before-quit' first, which lets the close through.
 */
import type { App, BrowserWindow } from 'electron';
import type { Logger } from '../core/log/logger';
import type { WindowMode } from './window';

export function guardWindowClose(app: App, window: BrowserWindow, mode: WindowMode, logger: Logger): void {
  if (!mode.kiosk) return;
  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });
  window.on('close', (event) => {
    if (quitting) return;
    event.preventDefault();
    logger.warn('closing the kiosk window refused (kiosk mode): staff shut the kiosk down from staff mode');
  });
}
