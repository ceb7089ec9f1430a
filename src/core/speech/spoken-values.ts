/**
 * What the kiosk says instead of a number the way it is written: a personnummer, a date, a case
 * reference, an amount or a phone number is spoken the way a Swede reads it over the counter, not as
 * one long number ("19900101-2385" → "nitton nittio, noll ett, noll ett, tjugotre åttiofem").
 *
 * `spokenText(text, language)` finds such values in a sentence and replaces each with words in the
 * visitor's language (Swedish, English, Arabic); everything else is left to the voice. Commas make
 * the voice pause between the groups, as a person does.
 */
import type { Language } from '../../contract/namespaces/app';

const SV_ONES = [
  'noll',
  'ett',
  'två',
  'tre',
  'fyra',
  'fem',
  'sex',
  'sju',
  'åtta',
  'nio',
  'tio',
  'elva',
  'tolv',
  'tretton',
  'fjorton',
  'femton',
  'sexton',
  'sjutton',
  'arton',
  'nitton',
];
const SV_TENS = ['', '', 'tjugo', 'trettio', 'fyrtio', 'femtio', 'sextio', 'sjuttio', 'åttio', 'nittio'];
const SV_ORDINALS = [
  '',
  'första',
  'andra',
  'tredje',
  'fjärde',
  'femte',
  'sjätte',
  'sjunde',
  'åttonde',
  'nionde',
  'tionde',
  'elfte',
  'tolfte',
  'trettonde',
  'fjortonde',
  'femtonde',
  'sextonde',
  'sjuttonde',
  'artonde',
  'nittonde',
  'tjugonde',
];
const SV_MONTHS = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
];

const EN_ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const EN_ORDINAL_ONES = [
  '',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
];
const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const AR_DIGITS = ['صفر', 'واحد', 'اثنان', 'ثلاثة', 'أربعة', 'خمسة', 'ستة', 'سبعة', 'ثمانية', 'تسعة'];
const AR_MONTHS = [
  'يناير',
  'فبراير',
  'مارس',
  'أبريل',
  'مايو',
  'يونيو',
  'يوليو',
  'أغسطس',
  'سبتمبر',
  'أكتوبر',
  'نوفمبر',
  'ديسمبر',
];

/** Swedish words for 0–999 999 999 ("tvåhundra trettiofyra"). */
export function swedishNumber(n: number): string {
  if (n < 20) return SV_ONES[n] as string;
  if (n < 100) return `${SV_TENS[Math.floor(n / 10)]}${n % 10 ? SV_ONES[n % 10] : ''}`;
  if (n < 1000) {
    const h = Math.floor(n / 100);
    return join([`${h === 1 ? 'ett' : SV_ONES[h]}hundra`, n % 100 ? swedishNumber(n % 100) : '']);
  }
  if (n < 1_000_000) {
    const t = Math.floor(n / 1000);
    return join([`${t === 1 ? 'ett' : swedishNumber(t)} tusen`, n % 1000 ? swedishNumber(n % 1000) : '']);
  }
  const m = Math.floor(n / 1_000_000);
  return join([
    m === 1 ? 'en miljon' : `${swedishNumber(m)} miljoner`,
    n % 1_000_000 ? swedishNumber(n % 1_000_000) : '',
  ]);
}

/** English words for 0–999 999 999 ("two hundred and thirty-four"). */
export function englishNumber(n: number): string {
  if (n < 20) return EN_ONES[n] as string;
  if (n < 100) return `${EN_TENS[Math.floor(n / 10)]}${n % 10 ? `-${EN_ONES[n % 10]}` : ''}`;
  if (n < 1000)
    return join([`${EN_ONES[Math.floor(n / 100)]} hundred`, n % 100 ? `and ${englishNumber(n % 100)}` : '']);
  if (n < 1_000_000)
    return join([`${englishNumber(Math.floor(n / 1000))} thousand`, n % 1000 ? englishNumber(n % 1000) : '']);
  return join([
    `${englishNumber(Math.floor(n / 1_000_000))} million`,
    n % 1_000_000 ? englishNumber(n % 1_000_000) : '',
  ]);
}

function join(parts: string[]): string {
  return parts.filter((p) => p !== '').join(' ');
}

/** Two digits as a Swede reads them in a number: "01" → "noll ett", "23" → "tjugotre". */
function pair(digits: string, language: Language): string {
  const n = Number(digits);
  if (language === 'ar') return [...digits].map((d) => AR_DIGITS[Number(d)]).join(' ');
  if (language === 'en') return digits.startsWith('0') ? `oh ${n === 0 ? 'oh' : EN_ONES[n]}` : englishNumber(n);
  return digits.startsWith('0') ? `noll ${SV_ONES[n]}` : swedishNumber(n);
}

function digitsOneByOne(digits: string, language: Language): string {
  const words = language === 'ar' ? AR_DIGITS : language === 'en' ? EN_ONES : SV_ONES;
  return [...digits].map((d) => words[Number(d)]).join(' ');
}

/** A year the way it is said: "nitton nittio", "twenty twenty-six", "tvåtusen fem". */
function year(digits: string, language: Language): string {
  const n = Number(digits);
  if (language === 'ar') return digits;
  if (n >= 2000 && n < 2010) return language === 'en' ? englishNumber(n) : swedishNumber(n);
  const century = digits.slice(0, 2);
  const rest = digits.slice(2);
  if (rest === '00')
    return language === 'en' ? `${englishNumber(Number(century))} hundred` : `${swedishNumber(Number(century))}hundra`;
  return `${pair(century, language)} ${pair(rest, language)}`;
}

function comma(language: Language): string {
  return language === 'ar' ? '، ' : ', ';
}

/** "199001012385" or "900101-2385": year, month, day and the last four, in pairs. */
export function spokenPersonnummer(value: string, language: Language): string {
  const digits = value.replace(/\D/g, '');
  const date = digits.slice(0, -4);
  const last = digits.slice(-4);
  const groups =
    date.length === 8
      ? [year(date.slice(0, 4), language), date.slice(4, 6), date.slice(6, 8)]
      : [date.slice(0, 2), date.slice(2, 4), date.slice(4, 6)];
  const spoken = groups.map((g, i) => (i === 0 && date.length === 8 ? g : pair(g, language)));
  const tail =
    language === 'ar'
      ? digitsOneByOne(last, language)
      : `${pair(last.slice(0, 2), language)} ${pair(last.slice(2), language)}`;
  return [...spoken, tail].join(comma(language));
}

/** A date (year, month 1–12, day 1–31) as it is said: "femte december tjugo tjugosex". */
export function spokenDate(y: string, month: number, day: number, language: Language): string {
  if (language === 'ar') return `${day} ${AR_MONTHS[month - 1]} ${y}`;
  if (language === 'en') {
    const ordinal =
      day < 20
        ? EN_ORDINAL_ONES[day]
        : day % 10 === 0
          ? `${EN_TENS[day / 10]?.slice(0, -1)}ieth`
          : `${EN_TENS[Math.floor(day / 10)]}-${EN_ORDINAL_ONES[day % 10]}`;
    return `the ${ordinal} of ${EN_MONTHS[month - 1]} ${year(y, language)}`;
  }
  const ordinal =
    day <= 20
      ? SV_ORDINALS[day]
      : day === 30
        ? 'trettionde'
        : `${SV_TENS[Math.floor(day / 10)]}${SV_ORDINALS[day % 10]}`;
  return `${ordinal} ${SV_MONTHS[month - 1]} ${year(y, language)}`;
}

/** A case reference "K7-4F9Q-2": every character on its own, a pause between the groups. */
export function spokenReference(value: string, language: Language): string {
  return value
    .split('-')
    .map((group) => [...group].map((ch) => (/\d/.test(ch) ? digitsOneByOne(ch, language) : ch)).join(' '))
    .join(comma(language));
}

/** "1 234,50 kr": kronor and öre in words. */
export function spokenAmount(kronor: number, ore: number, language: Language): string {
  if (language === 'ar') return `${kronor} ${kronor === 1 ? 'كرونة' : 'كرونات'}${ore ? ` و ${ore} أوره` : ''}`;
  if (language === 'en') return `${englishNumber(kronor)} kronor${ore ? ` and ${englishNumber(ore)} öre` : ''}`;
  return `${kronor === 1 ? 'en' : swedishNumber(kronor)} ${kronor === 1 ? 'krona' : 'kronor'}${ore ? ` och ${swedishNumber(ore)} öre` : ''}`;
}

/** A Swedish phone number "070-765 43 21": the area code digit by digit, then the groups. */
export function spokenPhone(value: string, language: Language): string {
  const [area = '', rest = ''] = value.split('-');
  const groups = rest.trim().split(/\s+/);
  return [digitsOneByOne(area, language), ...groups.map((g) => spokenGroup(g, language))].join(comma(language));
}

/** A group of digits in a number read aloud: pairs, a group of three as one digit and a pair. */
function spokenGroup(g: string, language: Language): string {
  if (g.length === 1 || language === 'ar') return digitsOneByOne(g, language);
  if (g.length % 2 === 1) return `${digitsOneByOne(g.slice(0, 1), language)} ${spokenGroup(g.slice(1), language)}`;
  const pairs: string[] = [];
  for (let i = 0; i < g.length; i += 2) pairs.push(pair(g.slice(i, i + 2), language));
  return pairs.join(' ');
}

const MONTH_INDEX = new Map<string, number>(
  [...SV_MONTHS, ...EN_MONTHS.map((m) => m.toLowerCase())].map((m, i) => [m, (i % 12) + 1]),
);

interface ValueRule {
  pattern: RegExp;
  speak(match: RegExpExecArray, language: Language): string | null;
}

/** Checked in this order over the text; a value one rule has spoken is not looked at again. */
const RULES: ValueRule[] = [
  // personnummer / samordningsnummer: 12 or 10 digits, the last four after a - or + (or none at 12)
  {
    pattern: /(?<![\d-])(?:(\d{8})-?|(\d{6})[-+])(\d{4})(?![\d-])/g,
    speak: (m, language) => {
      const date = (m[1] ?? m[2]) as string;
      const month = Number(date.slice(-4, -2));
      const day = Number(date.slice(-2)) % 60; // a samordningsnummer adds 60 to the day
      if (month < 1 || month > 12 || day < 1 || day > 31) return null;
      return spokenPersonnummer(`${date}${m[3]}`, language);
    },
  },
  // ISO date
  {
    pattern: /(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])/g,
    speak: (m, language) => validDate(m[1] as string, Number(m[2]), Number(m[3]), language),
  },
  // a written date: "5 december 2026", "5 December 2026"
  {
    pattern:
      /(?<!\d)(\d{1,2}) (januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})(?!\d)/gi,
    speak: (m, language) =>
      validDate(m[3] as string, MONTH_INDEX.get((m[2] as string).toLowerCase()) ?? 0, Number(m[1]), language),
  },
  // a case reference
  {
    pattern: /(?<![A-Z0-9-])([2-9A-HJ-NP-Z]{2}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z])(?![A-Z0-9-])/g,
    speak: (m, language) => spokenReference(m[1] as string, language),
  },
  // an amount in kronor: "1 234 kr", "1 234,50 kronor", "250 SEK"
  {
    pattern: /(?<![\d,])(\d{1,3}(?:[  ]\d{3})+|\d+)(?:,(\d{2}))? ?(?:kr|kronor|SEK)(?![\p{L}\d])/gu,
    speak: (m, language) => spokenAmount(Number((m[1] as string).replace(/\D/g, '')), Number(m[2] ?? 0), language),
  },
  // a Swedish phone number: "070-765 43 21", "08-123 45 00"
  {
    pattern: /(?<![\d-])(0\d{1,3}-\d{2,3}(?: \d{2,3}){1,3})(?![\d-])/g,
    speak: (m, language) => spokenPhone(m[1] as string, language),
  },
];

function validDate(y: string, month: number, day: number, language: Language): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return spokenDate(y, month, day, language);
}

/** The sentence with every personnummer, date, reference, amount and phone number put into words. */
export function spokenText(text: string, language: Language): string {
  let out = text;
  for (const rule of RULES) {
    out = out.replace(rule.pattern, (...args: unknown[]) => {
      const match = args.slice(0, -2) as unknown as RegExpExecArray;
      return rule.speak(match, language) ?? (match[0] as string);
    });
  }
  return out;
}
