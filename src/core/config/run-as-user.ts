/**
 * `check-config --as-user kiosk`: the check runs with the kiosk user's rights, so it meets every file
 * and folder the way the kiosk will at start — its uid, its primary group and all its supplementary
 * groups (so ACLs and group modes count as they will), its home folder for the default data folder.
 *
 * The process that runs the check gives up root for good before it reads anything (setgroups, setgid,
 * setuid — in that order, so no root group is kept); it exits when the check is done. Only root can do
 * this; a process that already runs as that user needs nothing.
 */
import { execFileSync } from 'node:child_process';

export interface UserAccount {
  name: string;
  uid: number;
  gid: number;
  /** Primary and supplementary groups. */
  groups: number[];
  home: string;
}

/** The account from the system's user database (getent: local files, LDAP, SSSD alike). */
export function lookupUser(name: string): UserAccount {
  if (!/^[A-Za-z0-9._][A-Za-z0-9._-]{0,31}\$?$/.test(name)) throw new Error(`"${name}" is not a user name`);
  let line: string;
  try {
    line = execFileSync('getent', ['passwd', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    throw new Error(`there is no user "${name}" on this machine (getent passwd ${name} finds none)`);
  }
  const [user, , uid, gid, , home] = line.split(':');
  if (user === undefined || uid === undefined || gid === undefined)
    throw new Error(`the user database answered for "${name}" in a form this check cannot read`);
  // id -G: every group of the user (the primary one first), from the same database
  const groups = execFileSync('id', ['-G', user], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    .trim()
    .split(/\s+/)
    .map(Number)
    .filter((g) => Number.isInteger(g));
  return { name: user, uid: Number(uid), gid: Number(gid), groups, home: home ?? '/' };
}

/**
 * Becomes `name` for the rest of this process. Returns the account; throws with a message for IT when
 * the platform cannot, the user does not exist, or this process is neither root nor that user.
 */
export function becomeUser(name: string, env: NodeJS.ProcessEnv = process.env): UserAccount {
  if (
    typeof process.setuid !== 'function' ||
    typeof process.setgid !== 'function' ||
    typeof process.setgroups !== 'function'
  )
    throw new Error('--as-user works on Linux only; on Windows run the check in a session of the kiosk account');
  const account = lookupUser(name);
  const uid = process.getuid?.();
  if (uid !== account.uid) {
    if (uid !== 0) throw new Error(`--as-user ${name} needs root (sudo); this process runs as uid ${uid ?? '?'}`);
    process.setgroups(account.groups.length > 0 ? account.groups : [account.gid]);
    process.setgid(account.gid);
    process.setuid(account.uid);
  }
  // the kiosk's own defaults follow its home folder (the default data folder is under it)
  env.HOME = account.home;
  env.USER = account.name;
  env.LOGNAME = account.name;
  delete env.XDG_DATA_HOME;
  return account;
}
