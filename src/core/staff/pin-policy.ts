/**
 * Which staff PINs `hash-pin` refuses: the PIN pad allows five guesses before it locks, so a PIN
 * must not be among the first guesses anyone tries. Refused: fewer than 6 characters, one character
 * repeated (000000, aaaaaa), a run up or down (123456, 987654, 890123), a short pattern repeated
 * (121212, 123123, 112112), and the most common 6-digit PINs people choose (keypad shapes, years,
 * the lists published from leaked PIN sets). The comparison is on the PIN as it is compared at the PIN
 * pad (Unicode NFKC: full-width digits count as digits).
 */
import { normalizePin } from './pin-hash';

export const MIN_PIN_LENGTH = 6;
export const MAX_PIN_LENGTH = 64;

/**
 * Common 6-digit PINs beyond the runs and repeats the rules catch: keypad shapes (lines, crosses,
 * zig-zags on a 3×3 pad), mirrored halves, counting patterns, well-known numbers, dates and years —
 * the kinds of PIN that analyses of leaked PIN sets find at the top (e.g. Markert et al., "This PIN
 * Can Be Easily Guessed", IEEE S&P 2020) — and the best-known 6-digit entries of public password
 * lists. Not exhaustive: a blocklist, not a guarantee.
 */
export const COMMON_PINS: ReadonlySet<string> = new Set([
  // keypad and keyboard shapes
  '147258',
  '258369',
  '369258',
  '852741',
  '741852',
  '963852',
  '159753',
  '357159',
  '951357',
  '753951',
  '147369',
  '369147',
  '123654',
  '654123',
  '321456',
  '456123',
  '789456',
  '456789',
  '987456',
  '654789',
  '789123',
  '321987',
  '147852',
  '258741',
  '963741',
  '741963',
  '159357',
  '357951',
  '124578',
  '235689',
  '142536',
  '362514',
  '102938',
  '564738',
  '147896',
  '963214',
  '125478',
  '236987',
  '159632',
  '357896',
  // mirrored and near-repeats
  '123321',
  '321123',
  '112233',
  '332211',
  '122333',
  '111222',
  '222111',
  '000111',
  '111000',
  '100001',
  '110011',
  '123432',
  '654456',
  '456654',
  '789987',
  '987789',
  '135531',
  '246642',
  '102030',
  '010203',
  '101010',
  '010101',
  '202020',
  '121314',
  '131313',
  '141414',
  '252525',
  '696969',
  '112358',
  '314159',
  '271828',
  '135790',
  '246810',
  '097531',
  '086420',
  '135246',
  '124816',
  '100200',
  '200300',
  '111213',
  // the top of published lists
  '123123',
  '520520',
  '666666',
  '888888',
  '999999',
  '123456',
  '654321',
  '000000',
  '111111',
  '121212',
  '112211',
  '123000',
  '100000',
  '200000',
  '300000',
  '500000',
  '999000',
  '110110',
  '520131',
  '521521',
  '778899',
  '998877',
  '445566',
  '665544',
  '223344',
  '556677',
  '123789',
  '789789',
  '147147',
  '258258',
  '369369',
  '159159',
  '753753',
  '321321',
  '456456',
  '987987',
  '007007',
  '888999',
  '666999',
  '168168',
  '518518',
  '131420',
  '147741',
  '258852',
  '369963',
  '159951',
  '753357',
  '101112',
  '212223',
  '232425',
  // years and dates people pick
  '199000',
  '200001',
  '200101',
  '010100',
  '010190',
  '010180',
  '010170',
  '311299',
  '251225',
  '240624',
  '241224',
  '010120',
  '202021',
  '202122',
  '202223',
  '202324',
  '202425',
  '202526',
  '201920',
  '198819',
]);

/** Why `pin` is refused as a staff PIN, or null when it is acceptable. */
export function pinWeakness(pin: string): string | null {
  const normalized = normalizePin(pin);
  const chars = [...normalized];
  if (chars.length === 0) return 'no PIN given';
  if (/^\s|\s$/.test(pin)) return 'the PIN starts or ends with a space; leave spaces out';
  if (/\p{Cc}/u.test(pin)) return 'the PIN holds control characters';
  if (chars.length < MIN_PIN_LENGTH)
    return `a staff PIN has at least ${MIN_PIN_LENGTH} characters (five guesses are allowed before the PIN pad locks)`;
  if (chars.length > MAX_PIN_LENGTH) return `a staff PIN has at most ${MAX_PIN_LENGTH} characters`;
  const lower = normalized.toLowerCase();
  if (new Set([...lower]).size === 1)
    return 'the PIN is one character repeated (such as 000000): it is among the first guesses';
  if (isRun(lower)) return 'the PIN is a run up or down (such as 123456 or 987654): it is among the first guesses';
  if (isRepeatedPattern(lower))
    return 'the PIN repeats a short pattern (such as 121212 or 123123): it is among the first guesses';
  if (COMMON_PINS.has(lower)) return 'the PIN is one of the most common PINs: it is among the first guesses';
  return null;
}

/** Each character one more (or one less) than the one before, digits wrapping 9→0 (890123). */
function isRun(s: string): boolean {
  const codes = [...s].map((c) => c.codePointAt(0) ?? 0);
  const digits = /^\d+$/.test(s);
  const step = (a: number, b: number): number => (digits ? (((b - a) % 10) + 10) % 10 : b - a);
  const first = step(codes[0] ?? 0, codes[1] ?? 0);
  if (!(first === 1 || first === (digits ? 9 : -1))) return false;
  for (let i = 1; i < codes.length; i++) if (step(codes[i - 1] ?? 0, codes[i] ?? 0) !== first) return false;
  return true;
}

/** The whole PIN is a pattern of at most half its length, repeated (121212, 123123, 12121). */
function isRepeatedPattern(s: string): boolean {
  for (let size = 1; size <= Math.floor(s.length / 2); size++) {
    const unit = s.slice(0, size);
    if (unit.repeat(Math.ceil(s.length / size)).slice(0, s.length) === s) return true;
  }
  return false;
}
