/**
 * The app's own origin. The renderer is served from `app://kiosk/` and nothing else may be loaded in
 * the kiosk window or call the contract. Compared with the URL parser, never by string prefix.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** Where every renderer starts, and where a restarted renderer goes back to. */
export const START_URL = `${APP_ORIGIN}/index.html`;

/** True only for URLs on the app's own origin (`app://kiosk/…`), without credentials or port. */
export function isAppUrl(url: string | null | undefined): boolean {
  if (typeof url !== 'string' || url.length === 0) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname.toLowerCase() === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
