/**
 * The one rule for the kiosk page's media permission, in both shells: Electron main's permission
 * handlers (src/main/window.ts) and the browser host's bridge (src/host/bridge.ts, asked by the host
 * client before every getUserMedia). Everything is refused unless all of these hold:
 *
 * - the request is for media (getUserMedia), and for video only: never the microphone, never a screen;
 * - it comes from the kiosk's own origin (Electron `app://kiosk`, the host its own `http://127.0.0.1:PORT`);
 * - the attachment screen of the current visit has the camera open (`attachments.openCamera`, closed by
 *   `attachments.closeCamera`, when a page is taken past the limits, and at every visit end).
 */

/** A media request as a shell sees it. */
export interface MediaRequest {
  /** The shell's name for the permission: Electron's `media` (getUserMedia), `display-capture`, … */
  permission: string;
  /** The requesting page's origin (or URL), null when the shell does not know it. */
  origin: string | null | undefined;
  /** What the page asks for: `video`, `audio`; empty or absent when the shell does not say. */
  mediaTypes: readonly string[] | undefined;
}

/** `https://a:1/x` → `https://a:1`; opaque or unparsable origins give null (and are refused). */
function originOf(urlOrOrigin: string | null | undefined): string | null {
  if (typeof urlOrOrigin !== 'string' || urlOrOrigin.length === 0) return null;
  try {
    const url = new URL(urlOrOrigin);
    if (url.username || url.password) return null;
    // app://kiosk is not a "special" scheme for the URL parser: its origin is "null", so build it
    return `${url.protocol}//${url.host}`.toLowerCase();
  } catch {
    return null;
  }
}

export function mediaPermitted(request: MediaRequest, kioskOrigin: string, cameraOpen: boolean): boolean {
  if (!cameraOpen || request.permission !== 'media') return false;
  const types = request.mediaTypes ?? [];
  if (types.length === 0 || types.some((t) => t !== 'video')) return false;
  const origin = originOf(request.origin);
  return origin !== null && origin === originOf(kioskOrigin);
}
