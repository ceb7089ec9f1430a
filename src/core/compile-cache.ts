/**
 * Node's on-disk compile cache (node:module enableCompileCache, Node 22.1+) for the composition roots:
 * the second and every later start of the kiosk reuses the bytecode V8 made the first time instead of
 * compiling every module again. It holds compiled program code only, never data.
 *
 * The cache lives in the user's cache folder, not in /tmp, which is emptied at every reboot on many
 * kiosk images (the morning start is the one that matters). NODE_COMPILE_CACHE, when set, wins, as in
 * Node itself. A cache that cannot be written costs nothing but the speed-up.
 */
import * as nodeModule from 'node:module';
import os from 'node:os';
import path from 'node:path';

export function compileCacheDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.NODE_COMPILE_CACHE) return env.NODE_COMPILE_CACHE;
  if (platform === 'win32')
    return path.join(env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local'), 'Kommunkiosk', 'compile-cache');
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'Kommunkiosk', 'compile-cache');
  return path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'kommunkiosk', 'compile-cache');
}

/** Turns the cache on for every module loaded after this call; false when this Node has none or it failed. */
export function enableCompileCache(env: NodeJS.ProcessEnv = process.env): boolean {
  const enable = (nodeModule as { enableCompileCache?: (dir?: string) => { status: number } }).enableCompileCache;
  if (typeof enable !== 'function') return false;
  try {
    const { status } = enable(compileCacheDir(env));
    const { ENABLED, ALREADY_ENABLED } = (
      nodeModule as unknown as { constants: { compileCacheStatus: Record<string, number> } }
    ).constants.compileCacheStatus;
    return status === ENABLED || status === ALREADY_ENABLED;
  } catch {
    return false;
  }
}
