/**
 * A visitor in speech mode, for the speech e2e tests: what the kiosk says is read off its one speech
 * service (the `speech.utterance` events, as the screen receives them), and the visitor moves with the
 * number keypad only — 6 next, 4 previous, Enter choose, point back, 5 repeat, 0 help.
 */
import { expect, type Page } from '@playwright/test';
import type { KioskBridge, Utterance } from '../../../src/contract';

/** The page's window as the tests see it: the kiosk's bridge, and what it said. */
type Listening = Window & { kiosk?: KioskBridge; __heard?: Utterance[] };

/** Starts listening to the kiosk's voice (after the page has loaded). */
export async function listen(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as Listening).kiosk !== undefined);
  await page.evaluate(() => {
    const w = window as Listening;
    w.__heard = [];
    w.kiosk!.on('speech.utterance', (u) => w.__heard!.push(u));
  });
}

/** Everything said since the last call (and forgets it). */
export async function take(page: Page): Promise<Utterance[]> {
  return page.evaluate(() => (window as Listening).__heard!.splice(0));
}

/** Waits until what was said since the last take is exactly `texts` (in order), and takes it. */
export async function expectSaid(page: Page, texts: Array<string | RegExp>): Promise<Utterance[]> {
  let said: Utterance[] = [];
  await expect
    .poll(async () => {
      said = [...said, ...(await take(page))];
      return said.map((u, i) => (texts[i] instanceof RegExp && texts[i].test(u.text) ? texts[i] : u.text));
    })
    .toEqual(texts);
  return said;
}

/** Waits until something said since the last take matches, and takes everything up to it. */
export async function waitSaid(page: Page, text: string | RegExp): Promise<Utterance[]> {
  let said: Utterance[] = [];
  const matches = (u: Utterance) => (typeof text === 'string' ? u.text.includes(text) : text.test(u.text));
  await expect
    .poll(
      async () => {
        said = [...said, ...(await take(page))];
        return said.some(matches);
      },
      { message: `the kiosk to say ${String(text)} (it said ${JSON.stringify(said.map((u) => u.text))})` },
    )
    .toBe(true);
  return said;
}

export async function key(page: Page, code: string): Promise<void> {
  await page.keyboard.press(code);
}

/**
 * Presses 6 (next) until the kiosk says `text` at the start of what it says for that stop; returns
 * what it said there. Each press is answered by one utterance that cuts off what was being said
 * (not queued), maybe followed by queued ones (a part in another language): the answer to this press
 * is the first non-queued utterance after it — queued ones still arriving from the stop before are
 * not. A screen has at most a few dozen stops: more presses than that means it is not there.
 */
export async function moveTo(
  page: Page,
  text: string | RegExp | ((text: string) => boolean),
  limit = 60,
): Promise<Utterance[]> {
  const matches = (t: string) =>
    typeof text === 'string' ? t.startsWith(text) : text instanceof RegExp ? text.test(t) : text(t);
  await take(page);
  const heard: string[] = [];
  for (let i = 0; i < limit; i += 1) {
    await key(page, 'Numpad6');
    let said: Utterance[] = [];
    await expect.poll(async () => (said = [...said, ...(await take(page))]).some((u) => !u.queued)).toBe(true);
    const answer = said.slice(said.findIndex((u) => !u.queued));
    heard.push(answer[0]!.text);
    if (matches(answer[0]!.text)) return answer;
  }
  throw new Error(
    `pressed 6 ${limit} times and never heard ${String(text)}; heard:\n${[...new Set(heard)].join('\n')}`,
  );
}

/** Moves to `text` and chooses it with Enter. */
export async function choose(page: Page, text: string | RegExp): Promise<void> {
  await moveTo(page, text);
  await key(page, 'NumpadEnter');
}

/**
 * Answers a question by keypad: 6 to its first option (which says the question first), then 6 until
 * the option, Enter. `role`: what the kiosk calls the option ("alternativ", "kryssruta").
 */
export async function answer(page: Page, question: string, option: string, role: string): Promise<void> {
  const said = await moveTo(page, (t) => t.startsWith(question));
  if (!said.some((u) => u.text.includes(` ${option}, ${role}`)))
    await moveTo(page, (t) => t.startsWith(`${option}, ${role}`));
  await key(page, 'NumpadEnter');
}
