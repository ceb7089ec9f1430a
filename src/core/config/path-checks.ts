/**
 * check-config's look at every file and folder a configuration points at (referenced-paths.ts), as
 * the process running the check meets them — run it as the kiosk user (`--as-user kiosk`, see
 * run-as-user.ts) and that is what the kiosk meets at start:
 *
 * - files exist, are regular files and can be read; folders exist (or can be created where the kiosk
 *   creates them) and can be written;
 * - secrets (client certificates, passphrase and password files, the data key file) are readable by
 *   no one else: mode 0600, or 0640 owned by root with a group the kiosk user is in (the rule of the
 *   key file, cases/key-file-wrapper.ts); other files no one else may change (not world-writable);
 * - passphrase files are not empty; client certificates and CA files pass certificate-checks.ts;
 * - the configuration file itself: when it holds staff PIN hashes no one else may read it (0640
 *   root:kiosk), no one else may change it, and the kiosk user should not be able to change it.
 *
 * Storage checks of the data folder (read-only, full, the key's content, a corrupt database) are
 * the storage capability's (issue 13); check-config calls them beside these (see check-config.ts).
 */
import { accessSync, constants, readFileSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { keyFileAccessProblem } from '../cases/key-file-wrapper';
import { checkCaFile, checkClientCertificate, type CertificateOptions } from './certificate-checks';
import type { ConfigProblem } from './load-config';
import type { ReferencedPath } from './referenced-paths';

export interface PathCheckOptions extends CertificateOptions {
  /**
   * The kiosk user's groups for the secret-file rule (root:kiosk 0640). 'unknown' when the check runs
   * as root for no particular user: a group-readable secret owned by root is then not questioned.
   */
  groups: readonly number[] | 'unknown';
  platform?: NodeJS.Platform;
  /** The uid running the check (access checks of root say little). */
  uid?: number;
}

const SECRET_ROLES = new Set<ReferencedPath['role']>(['client-certificate', 'passphrase', 'data-key']);

function code(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? String(err);
}

function octal(mode: number): string {
  return (mode & 0o777).toString(8).padStart(4, '0');
}

function shown(p: string): string {
  return JSON.stringify(p);
}

/** The nearest folder that exists above `p` (where a missing folder would be created). */
function existingAncestor(p: string): string {
  let dir = path.dirname(p);
  for (let i = 0; i < 64; i++) {
    try {
      if (statSync(dir).isDirectory()) return dir;
    } catch {
      /* keep climbing */
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return dir;
}

/** For a path the kiosk creates: null when the nearest folder above it that exists is writable, else that folder and why not. */
function notCreatable(p: string): { dir: string; denied: string } | null {
  const dir = existingAncestor(p);
  const denied = canAccess(dir, constants.W_OK | constants.X_OK);
  return denied ? { dir, denied } : null;
}

function canAccess(p: string, mode: number): string | null {
  try {
    accessSync(p, mode);
    return null;
  } catch (err) {
    return code(err);
  }
}

function secretFix(file: string): string {
  return `chown root:kiosk ${file} && chmod 0640 ${file} (or chmod 0600 with the kiosk user as owner)`;
}

function folderFix(dir: string): string {
  return `install -d -o kiosk -g kiosk -m 0700 ${dir} (or give the kiosk user write access to it)`;
}

/**
 * The path's stat; or null after naming why it is not there. A missing path the kiosk creates itself
 * is fine when the nearest folder above it is writable (`quiet`: that folder was already named).
 */
function present(
  ref: ReferencedPath,
  noun: 'file' | 'folder',
  problem: (expected: string, fix: string) => void,
  fixes: { missing: string; create: string },
  quiet: (dir: string) => boolean = () => false,
): Stats | null {
  try {
    return statSync(ref.path);
  } catch (err) {
    const c = code(err);
    if (c === 'ENOENT' && ref.created) {
      const blocked = notCreatable(ref.path);
      if (blocked && !quiet(blocked.dir))
        problem(
          `${ref.what}: a ${noun} the kiosk can create (it does not exist, and ${blocked.dir} is not writable for this user: ${blocked.denied})`,
          fixes.create,
        );
      return null;
    }
    const share = noun === 'folder' && ref.key.startsWith('cases.delivery') ? '; is the share mounted?' : '';
    problem(
      c === 'ENOENT'
        ? `${ref.what}: an existing ${noun} (it does not exist${share})`
        : `${ref.what}: a ${noun} this user can reach (${c}: a folder on the way is closed to it)`,
      c === 'ENOENT' ? fixes.missing : `chmod o+x (or g+x for the kiosk's group) the folders above ${ref.path}`,
    );
    return null;
  }
}

/**
 * A folder's problems. `reported`: folders already named; a folder the kiosk would create inside one
 * of them is not named again (the data folder's logs, outbox, printouts).
 */
function checkFolder(
  ref: ReferencedPath,
  reported: Set<string>,
  report: (expected: string, fix: string) => void,
): void {
  const problem = (expected: string, fix: string): void => {
    reported.add(ref.path);
    report(expected, fix);
  };
  const stat = present(ref, 'folder', problem, { missing: folderFix(ref.path), create: folderFix(ref.path) }, (dir) =>
    reported.has(dir),
  );
  if (!stat) return;
  if (!stat.isDirectory()) {
    problem(`${ref.what}: a folder (it is a file)`, `point ${ref.key} at a folder`);
    return;
  }
  const denied = canAccess(ref.path, constants.W_OK | constants.X_OK);
  if (denied)
    problem(
      `${ref.what}: a folder the kiosk user can write to (${denied === 'EROFS' ? 'the file system is read-only' : denied})`,
      denied === 'EROFS' ? `mount ${ref.path} read-write` : folderFix(ref.path),
    );
}

function readSecretText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch {
    return undefined;
  }
}

/** Problems of every referenced path; `paths` must hold the passphrase files the certificates name. */
export function checkReferencedPaths(paths: readonly ReferencedPath[], options: PathCheckOptions): ConfigProblem[] {
  const platform = options.platform ?? process.platform;
  const out: ConfigProblem[] = [];
  const byKey = new Map(paths.map((p) => [p.key, p]));
  const reportedFolders = new Set<string>();

  for (const ref of paths) {
    const problem = (expected: string, fix: string, severity: 'error' | 'warning' = 'error'): void => {
      out.push({
        key: ref.key,
        value: shown(ref.path),
        expected,
        fix,
        ...(severity === 'warning' || ref.optional ? { severity: 'warning' as const } : {}),
      });
    };
    if (ref.foreign) {
      problem(
        `${ref.what}: a path this system can check (a Windows path is checked on the Windows kiosk)`,
        'run check-config on the Windows kiosk (kommunkiosk.exe --check-config FILE)',
        'warning',
      );
      continue;
    }
    if (ref.role === 'writable-folder') {
      checkFolder(ref, reportedFolders, problem);
      continue;
    }

    // a data key the kiosk generates at first start needs a folder that takes it
    const provision = `provision it: openssl rand -base64 32 > ${ref.path}; ${secretFix(ref.path)}`;
    const stat = present(ref, 'file', problem, {
      missing:
        ref.role === 'data-key'
          ? `${provision} (docs/deploy.md, "Key store")`
          : `put ${ref.what} there${SECRET_ROLES.has(ref.role) ? `; ${secretFix(ref.path)}` : ''}`,
      create: provision,
    });
    if (!stat) continue;
    if (!stat.isFile()) {
      problem(
        `${ref.what}: a regular file (it is ${stat.isDirectory() ? 'a folder' : 'not a regular file'})`,
        `point ${ref.key} at the file itself`,
      );
      continue;
    }
    const unreadable = canAccess(ref.path, constants.R_OK);
    if (unreadable) {
      problem(
        `${ref.what}: a file the kiosk user can read (${unreadable}; mode ${octal(stat.mode)}, owner ${stat.uid}:${stat.gid})`,
        SECRET_ROLES.has(ref.role) ? secretFix(ref.path) : `chmod 0644 ${ref.path}`,
      );
      continue;
    }
    if (platform !== 'win32') {
      if (SECRET_ROLES.has(ref.role)) {
        const groups = options.groups === 'unknown' ? [stat.gid] : options.groups;
        const access = keyFileAccessProblem(stat, groups);
        if (access) problem(`${ref.what}: a secret no one else can read (it ${access})`, secretFix(ref.path));
      } else if ((stat.mode & 0o002) !== 0) {
        problem(
          `${ref.what}: a file only its owner can change (mode ${octal(stat.mode)}: anyone can replace it)`,
          `chmod o-w ${ref.path}`,
        );
      }
    }

    // ---- content ----------------------------------------------------------------------------------
    if (ref.role === 'passphrase') {
      if (readSecretText(ref.path) === '')
        problem(`${ref.what}: a file holding the passphrase (it is empty)`, 'write the passphrase on one line');
    } else if (ref.role === 'client-certificate' || ref.role === 'ca') {
      let bytes: Buffer;
      try {
        bytes = readFileSync(ref.path);
      } catch (err) {
        problem(`${ref.what}: a readable file (${code(err)})`, `chmod 0644 ${ref.path}`);
        continue;
      }
      if (ref.role === 'ca') {
        for (const f of checkCaFile(bytes, ref.what, options)) problem(f.expected, f.fix, f.severity);
      } else {
        const pass = ref.passphraseKey ? byKey.get(ref.passphraseKey) : undefined;
        const passphrase = pass ? readSecretText(pass.path) : undefined;
        // an unreadable passphrase file is reported under its own key; the certificate cannot be opened without it
        if (pass && passphrase === undefined) continue;
        for (const f of checkClientCertificate(bytes, passphrase, ref.what, options))
          problem(f.expected, f.fix, f.severity);
      }
    }
  }
  return out;
}

/**
 * The configuration file itself. With staff PIN hashes in it no one but root and the kiosk's group
 * may read it (0640 root:kiosk); no one else may change it; the kiosk user should not be able to
 * change its own configuration (a warning).
 */
export function checkConfigFileAccess(
  file: string,
  holdsPinHashes: boolean,
  options: PathCheckOptions,
): ConfigProblem[] {
  if ((options.platform ?? process.platform) === 'win32') return [];
  let stat: Stats;
  try {
    stat = statSync(file);
  } catch {
    return [];
  }
  const out: ConfigProblem[] = [];
  const fix = `chown root:kiosk ${file} && chmod 0640 ${file}`;
  if (holdsPinHashes && (stat.mode & 0o007) !== 0)
    out.push({
      key: '',
      value: `${shown(file)} (mode ${octal(stat.mode)})`,
      expected:
        'a configuration file no one else can read, since it holds the staff PIN hashes of staff.members (mode 0640, root:kiosk)',
      fix,
    });
  else if ((stat.mode & 0o002) !== 0)
    out.push({
      key: '',
      value: `${shown(file)} (mode ${octal(stat.mode)})`,
      expected: 'a configuration file only root can change (anyone can change this one)',
      fix,
    });
  if ((options.uid ?? process.getuid?.()) !== 0 && canAccess(file, constants.W_OK) === null)
    out.push({
      key: '',
      value: `${shown(file)} (owner ${stat.uid}, mode ${octal(stat.mode)})`,
      expected: 'a configuration file the kiosk user cannot change (it can change this one, and so its own settings)',
      fix,
      severity: 'warning',
    });
  return out;
}
