/**
 * A small, strict reader of the Prometheus text exposition format for the tests: every sample must
 * belong to a family declared by `# HELP` and `# TYPE` lines before it, label values are unescaped,
 * anything else is an error. Enough to prove the kiosk's file is what node_exporter expects.
 */
export interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface ParsedExposition {
  help: Map<string, string>;
  types: Map<string, string>;
  samples: ParsedSample[];
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const HELP_LINE = new RegExp(`^# HELP (${NAME}) (.*)$`);
const TYPE_LINE = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`);
const SAMPLE_LINE = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (\\S+)$`);
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)/y;

function unescape(v: string): string {
  return v.replace(/\\([\\"n])/g, (_m, c: string) => (c === 'n' ? '\n' : c));
}

function parseValue(text: string): number {
  if (text === 'NaN') return NaN;
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`bad value ${text}`);
  return Number(text);
}

export function parseExposition(text: string): ParsedExposition {
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a newline');
  const out: ParsedExposition = { help: new Map(), types: new Map(), samples: [] };
  const lines = text.slice(0, -1).split('\n');
  lines.forEach((line, i) => {
    const where = `line ${i + 1}: ${JSON.stringify(line)}`;
    let m: RegExpExecArray | null;
    if ((m = HELP_LINE.exec(line))) {
      if (out.help.has(m[1] as string)) throw new Error(`${where}: HELP given twice`);
      out.help.set(m[1] as string, m[2] as string);
    } else if ((m = TYPE_LINE.exec(line))) {
      if (!out.help.has(m[1] as string)) throw new Error(`${where}: TYPE before HELP`);
      if (out.types.has(m[1] as string)) throw new Error(`${where}: TYPE given twice`);
      out.types.set(m[1] as string, m[2] as string);
    } else if (line.startsWith('#')) {
      // a comment
    } else if ((m = SAMPLE_LINE.exec(line))) {
      const name = m[1] as string;
      if (!out.types.has(name)) throw new Error(`${where}: sample of an undeclared family`);
      const labels: Record<string, string> = {};
      const body = m[2] ?? '';
      LABEL.lastIndex = 0;
      while (LABEL.lastIndex < body.length) {
        const start = LABEL.lastIndex;
        const l = LABEL.exec(body);
        if (!l || l.index !== start) throw new Error(`${where}: bad labels`);
        if ((l[1] as string) in labels) throw new Error(`${where}: label twice`);
        labels[l[1] as string] = unescape(l[2] as string);
      }
      out.samples.push({ name, labels, value: parseValue(m[3] as string) });
    } else {
      throw new Error(`${where}: not a HELP, TYPE, comment or sample line`);
    }
  });
  return out;
}

/** The value of the one sample of `name` whose labels include `labels`. */
export function valueOf(
  parsed: ParsedExposition,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const found = parsed.samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  if (found.length > 1) throw new Error(`${name} ${JSON.stringify(labels)} matches ${found.length} samples`);
  return found[0]?.value;
}
