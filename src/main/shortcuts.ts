/**
 * The keyboard shortcuts a kiosk visitor must not be able to use: reload, developer tools, zoom,
 * print and history navigation. Checked in `before-input-event`, so they never reach Chromium.
 * Everything else (typing, Tab, Enter, arrows, AltGr characters) passes through.
 */

/** The fields of Electron's `Input` this check reads. */
export interface KeyInput {
  type: string;
  key: string;
  code?: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

/** Keys that act on their own, without a modifier. */
const BARE_KEYS = new Set([
  'f5',
  'f12',
  'browserback',
  'browserforward',
  'browserrefresh',
  'browserhome',
  'browserstop',
  'browsersearch',
  'print',
]);

/** Keys with Ctrl (Cmd on macOS): reload, print, zoom. */
const COMMAND_KEYS = new Set(['r', 'p', '+', '=', '-', '_', '0', 'f5']);

/** Codes with Ctrl/Cmd, for zoom from the number pad whatever the layout. */
const COMMAND_CODES = new Set(['NumpadAdd', 'NumpadSubtract', 'Numpad0']);

/** Keys with Ctrl+Shift (Cmd+Alt on macOS): developer tools, inspect element. */
const DEVTOOLS_KEYS = new Set(['i', 'j', 'c']);

export function isSwallowedShortcut(input: KeyInput): boolean {
  if (input.type !== 'keyDown' && input.type !== 'keyUp' && input.type !== 'rawKeyDown') return false;
  const key = input.key.toLowerCase();
  const command = input.control || input.meta;

  if (BARE_KEYS.has(key)) return true;
  // Alt+Left / Alt+Right: history navigation (AltGr reports control too: not navigation)
  if (input.alt && !command && (key === 'arrowleft' || key === 'arrowright')) return true;
  if (!command) return false;
  // Ctrl/Cmd+Shift+I/J/C and Cmd+Alt+I/J/C: developer tools
  if (DEVTOOLS_KEYS.has(key) && (input.shift || (input.meta && input.alt))) return true;
  // AltGr (Ctrl+Alt on Windows) types characters like @ £ $ on Swedish keyboards: leave those alone
  if (input.alt && input.control && !input.meta) return false;
  if (COMMAND_KEYS.has(key)) return true;
  if (input.code !== undefined && COMMAND_CODES.has(input.code)) return true;
  // Cmd+[ / Cmd+] on macOS: history navigation
  if (input.meta && (key === '[' || key === ']')) return true;
  return false;
}
