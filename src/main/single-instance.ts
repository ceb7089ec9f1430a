/**
 * One kiosk per machine: a second start (a double-click, a supervisor racing a still-running app)
 * focuses the running window and exits.
 */
import { app, type BrowserWindow } from 'electron';

/** True when this process holds the lock; false when another instance runs (this one must quit). */
export function acquireSingleInstance(window: () => BrowserWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => {
    const w = window();
    if (!w || w.isDestroyed()) return;
    if (w.isMinimized()) w.restore();
    w.show();
    w.focus();
  });
  return true;
}
