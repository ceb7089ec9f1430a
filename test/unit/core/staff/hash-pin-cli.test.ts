/** `npm run hash-pin` as IT runs it: a real child process, from a pipe and at a terminal. */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { staffConfigSchema } from '../../../../src/core/staff/config';
import { verifyPin } from '../../../../src/core/staff/pin-hash';
import { runCli } from '../../support/cli-process';

const root = path.resolve(__dirname, '../../../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const cli = path.join(root, 'src/core/staff/hash-pin-cli.ts');

const runPiped = (input: string): ReturnType<typeof runCli> => runCli('src/core/staff/hash-pin-cli.ts', [], input);

const hasScript = spawnSync('script', ['--version']).status === 0;

describe('npm run hash-pin', () => {
  it('reads the PIN once from a pipe and prints a hash line the config accepts', async () => {
    const { code, out, err } = await runPiped('Kö-48291\n');
    expect(err).toBe('');
    expect(code).toBe(0);
    const hash = out.trim();
    expect(out).toBe(`${hash}\n`);
    expect(out).not.toContain('48291');
    expect(await verifyPin('Kö-48291', hash)).toBe(true);
    expect(staffConfigSchema.parse({ members: [{ id: 'reception-1', pinHash: hash }] }).members).toHaveLength(1);
  });

  it('refuses a PIN that is too short, or more than one line, and prints no hash', async () => {
    const short = await runPiped('1234\n');
    expect(short.code).toBe(1);
    expect(short.out).toBe('');
    expect(short.err).toMatch(/at least 6 characters/);
    const two = await runPiped('123456\n654321\n');
    expect(two.code).toBe(1);
    expect(two.err).toMatch(/exactly one line/);
    const empty = await runPiped('');
    expect(empty.code).toBe(1);
  });

  it.each([
    ['234567', 'a run up or down'],
    ['876543', 'a run up or down'],
    ['555555', 'one character repeated'],
    ['bbbbbb', 'one character repeated'],
    ['343434', 'repeats a short pattern'],
    ['258369', 'one of the most common PINs'],
  ])('refuses the guessable PIN %s (%s) and prints nothing', async (pin, why) => {
    const r = await runPiped(`${pin}\n`);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain(why);
    expect(r.err).toContain('choose another PIN (nothing was printed)');
    expect(r.err).not.toContain(pin);
  });

  /** Runs the CLI on a pseudo-terminal; `type` gets a function to wait for output and one to type. */
  async function atTerminal(
    type: (io: { waitFor(re: RegExp): Promise<void>; write(s: string): void }) => Promise<void>,
  ): Promise<{ code: number | null; out: string }> {
    const child = spawn('script', ['-q', '-e', '-c', `${tsx} ${cli} 2>&1`, '/dev/null'], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    const listeners = new Set<() => void>();
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      for (const l of listeners) l();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const waitFor = (re: RegExp): Promise<void> =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out waiting for ${re}: ${JSON.stringify(out)}`)),
          20_000,
        );
        const check = (): void => {
          if (!re.test(out)) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve();
        };
        listeners.add(check);
        check();
      });
    await type({ waitFor, write: (s) => child.stdin.write(s) });
    const code = await exited;
    child.stdin.end();
    return { code, out };
  }

  it.skipIf(!hasScript)(
    'at a terminal asks twice without echo (a pseudo-terminal through util-linux script)',
    async () => {
      const { code, out } = await atTerminal(async ({ waitFor, write }) => {
        await waitFor(/Staff PIN: /);
        write('735190\r');
        await waitFor(/Same PIN again: /);
        write('735190\r');
      });
      expect(code).toBe(0);
      expect(out).not.toContain('735190');
      const hash = /scrypt\$[^\s']+/.exec(out)?.[0] ?? '';
      expect(await verifyPin('735190', hash)).toBe(true);
    },
  );

  it.skipIf(!hasScript)(
    'at a terminal: both PINs typed ahead are not echoed; two different PINs print nothing',
    async () => {
      const ahead = await atTerminal(async ({ waitFor, write }) => {
        await waitFor(/Staff PIN: /);
        write('Ö-1928374\rÖ-1928374\r');
      });
      expect(ahead.code).toBe(0);
      expect(ahead.out).not.toContain('1928374');
      expect(await verifyPin('Ö-1928374', /scrypt\$[^\s']+/.exec(ahead.out)?.[0] ?? '')).toBe(true);

      const differ = await atTerminal(async ({ waitFor, write }) => {
        await waitFor(/Staff PIN: /);
        write('395172\r');
        await waitFor(/Same PIN again: /);
        write('395173\r');
      });
      expect(differ.code).toBe(1);
      expect(differ.out).toContain('the two PINs differ');
      expect(differ.out).not.toMatch(/scrypt\$|39517/);
    },
  );
});
