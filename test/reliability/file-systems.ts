/**
 * Real file systems for the fault tests: a small tmpfs (fills up for real), a loop-mounted ext4 with
 * `errors=remount-ro` that can be made to fail (`/sys/fs/ext4/<dev>/trigger_fs_error`) the way a dying
 * disk does. Needs root on Linux; `mountSupport()` says why not otherwise. Every mount point and image
 * has a unique name, and `cleanup()` always unmounts and detaches, whatever state the test left.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Mount {
  /** The mount point. */
  point: string;
  /** The loop device (ext4 only), e.g. /dev/loop3. */
  device: string | null;
  remount(options: string): void;
  /** ext4: makes the kernel see an error, which remounts the file system read-only (errors=remount-ro). */
  triggerError(): void;
  /** ext4: unmount, fsck the image (as IT would), mount again read-write. */
  repair(): void;
  /** Fills the file system to the last block; returns a function that frees the space again. */
  fill(): () => void;
  cleanup(): void;
}

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
}

function tryRun(command: string, args: string[]): boolean {
  try {
    run(command, args);
    return true;
  } catch {
    return false;
  }
}

/** null when this machine can mount tmpfs and loop ext4 (root on Linux, the tools there); else why not. */
export function mountSupport(): string | null {
  if (process.platform !== 'linux') return 'mounting file systems needs Linux';
  if (process.getuid?.() !== 0) return 'mounting file systems needs root (CI runs as root)';
  for (const tool of ['mount', 'umount', 'mkfs.ext4', 'e2fsck', 'losetup']) {
    if (!tryRun('sh', ['-c', `command -v ${tool}`]))
      return `${tool} is not installed (apt-get install e2fsprogs mount)`;
  }
  const probe = mkdtempSync(path.join(tmpdir(), `kk-mount-probe-${process.pid}-`));
  try {
    run('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe]);
    run('umount', [probe]);
  } catch (err) {
    return `tmpfs cannot be mounted here (${(err as Error).message.split('\n')[0]})`;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
  return null;
}

function fillFile(point: string): () => void {
  const file = path.join(point, `.filler-${process.pid}`);
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(256 * 1024, 0x46);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  }
  // the last blocks: smaller writes until not even one byte fits
  for (const size of [16_384, 1024, 1]) {
    try {
      for (;;) writeSync(fd, chunk.subarray(0, size));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
    }
  }
  closeSync(fd);
  return () => rmSync(file, { force: true });
}

function base(name: string): string {
  return mkdtempSync(path.join(tmpdir(), `kk-fault-${process.pid}-${name}-`));
}

export function mountTmpfs(name: string, sizeMb: number): Mount {
  const dir = base(name);
  const point = path.join(dir, 'mnt');
  mkdirSync(point);
  run('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m,mode=0700`, `kk-${name}`, point]);
  return {
    point,
    device: null,
    remount: (options) => void run('mount', ['-o', `remount,${options}`, point]),
    triggerError: () => {
      throw new Error('tmpfs has no error trigger');
    },
    repair: () => void run('mount', ['-o', 'remount,rw', point]),
    fill: () => fillFile(point),
    cleanup: () => {
      tryRun('umount', ['-l', point]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function mountExt4(name: string, sizeMb: number): Mount {
  const dir = base(name);
  const image = path.join(dir, 'disk.img');
  const point = path.join(dir, 'mnt');
  mkdirSync(point);
  run('truncate', ['-s', `${sizeMb}M`, image]);
  run('mkfs.ext4', ['-q', '-F', image]);
  const device = run('losetup', ['--find', '--show', image]).trim();
  const mount = (): void => void run('mount', ['-t', 'ext4', '-o', 'errors=remount-ro', device, point]);
  try {
    mount();
  } catch (err) {
    tryRun('losetup', ['-d', device]);
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    point,
    device,
    remount: (options) => void run('mount', ['-o', `remount,${options}`, point]),
    triggerError: () => {
      const trigger = `/sys/fs/ext4/${path.basename(device)}/trigger_fs_error`;
      if (!existsSync(trigger)) throw new Error(`${trigger} does not exist (kernel without ext4 error injection)`);
      run('sh', ['-c', `echo 1 > ${trigger}`]);
    },
    repair: () => {
      run('umount', [point]);
      try {
        run('e2fsck', ['-fy', device]);
      } catch (err) {
        // exit code 1: errors were corrected, which is what repairing means here
        if ((err as { status?: number }).status !== 1) throw err;
      }
      mount();
    },
    fill: () => fillFile(point),
    cleanup: () => {
      tryRun('umount', ['-l', point]);
      tryRun('losetup', ['-d', device]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
