/**
 * `npm run hash-pin`: asks for a staff PIN and prints the line to paste into the config file's
 * `staff.members[].pinHash`. At a terminal the PIN is typed twice and not echoed; from a pipe
 * (`printf '%s\n' "$PIN" | npm run --silent hash-pin`) it is read once. The PIN itself is never
 * printed or written anywhere. A weak PIN (pin-policy.ts: short, repeated, a run, a common one) is
 * refused and nothing is printed.
 */
import { hashPin } from './pin-hash';
import { pinWeakness } from './pin-policy';
import { errorMessage } from '../../contract/errors';

function fail(message: string, code = 1): never {
  if (process.stdin.isTTY && process.stdin.isRaw) process.stdin.setRawMode(false);
  process.stderr.write(`hash-pin: ${message}\n`);
  process.exit(code);
}

/**
 * Lines typed at the terminal, which is in raw mode (no echo) before any prompt is shown, so nothing
 * typed ahead is echoed either. Handles backspace and Ctrl-C; a line typed ahead waits for its prompt.
 */
class HiddenLines {
  private current = '';
  private readonly lines: string[] = [];
  private waiter: ((line: string) => void) | null = null;

  constructor(private readonly stdin: NodeJS.ReadStream) {
    stdin.setEncoding('utf8');
    stdin.setRawMode(true);
    stdin.on('data', (chunk: string) => this.take(chunk));
    stdin.resume();
  }

  private take(chunk: string): void {
    for (const ch of chunk) {
      if (ch === '\r' || ch === '\n' || ch === '\u0004') {
        this.lines.push(this.current);
        this.current = '';
      } else if (ch === '\u0003') {
        this.close();
        process.stderr.write('\n');
        fail('cancelled', 130);
      } else if (ch === '\u007f' || ch === '\b') {
        this.current = [...this.current].slice(0, -1).join('');
      } else if (ch >= ' ') {
        this.current += ch;
      }
    }
    this.deliver();
  }

  private deliver(): void {
    if (this.waiter && this.lines.length > 0) {
      const w = this.waiter;
      this.waiter = null;
      w(this.lines.shift() as string);
    }
  }

  read(prompt: string): Promise<string> {
    process.stderr.write(prompt);
    return new Promise((resolve) => {
      this.waiter = (line) => {
        process.stderr.write('\n');
        resolve(line);
      };
      this.deliver();
    });
  }

  close(): void {
    this.stdin.setRawMode(false);
    this.stdin.pause();
  }
}

async function readPiped(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += b.length;
    if (size > 4096) fail('input too long: pipe one line holding the PIN');
    chunks.push(b);
  }
  const lines = Buffer.concat(chunks).toString('utf8').split(/\r?\n/);
  if (lines.length > 2 || (lines.length === 2 && lines[1] !== '')) fail('pipe exactly one line holding the PIN');
  return lines[0] ?? '';
}

function check(pin: string): void {
  const weakness = pinWeakness(pin);
  if (weakness) fail(`${weakness}; choose another PIN (nothing was printed)`);
}

async function main(): Promise<void> {
  let pin: string;
  if (process.stdin.isTTY) {
    const terminal = new HiddenLines(process.stdin);
    try {
      pin = await terminal.read('Staff PIN: ');
      check(pin);
      const again = await terminal.read('Same PIN again: ');
      if (again !== pin) fail('the two PINs differ; nothing was printed');
    } finally {
      terminal.close();
    }
  } else {
    pin = await readPiped();
    check(pin);
  }
  const hash = await hashPin(pin);
  process.stdout.write(`${hash}\n`);
  if (process.stderr.isTTY) {
    process.stderr.write(
      `Paste it into the config file under staff.members, e.g.\n  - id: reception-1\n    pinHash: '${hash}'\n`,
    );
  }
}

main().catch((err: unknown) => fail(errorMessage(err)));
