import { describe, expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { compileCacheDir } from '../../../src/core/compile-cache';

describe("Node's compile cache folder", () => {
  it('is NODE_COMPILE_CACHE when IT sets it, as in Node itself', () => {
    expect(compileCacheDir({ NODE_COMPILE_CACHE: '/srv/cache' }, 'linux')).toBe('/srv/cache');
  });

  it("is in the user's cache folder, which survives a reboot, not in /tmp", () => {
    expect(compileCacheDir({}, 'linux')).toBe(path.join(os.homedir(), '.cache', 'kommunkiosk', 'compile-cache'));
    expect(compileCacheDir({ XDG_CACHE_HOME: '/var/cache/kiosk' }, 'linux')).toBe(
      path.join('/var/cache/kiosk', 'kommunkiosk', 'compile-cache'),
    );
    expect(compileCacheDir({ LOCALAPPDATA: 'C:\\Users\\kiosk\\AppData\\Local' }, 'win32')).toBe(
      path.join('C:\\Users\\kiosk\\AppData\\Local', 'Kommunkiosk', 'compile-cache'),
    );
  });
});
