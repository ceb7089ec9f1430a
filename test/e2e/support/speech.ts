/**
 * A visitor in speech mode, for the speech e2e tests: what the kiosk says is read off its one speech
 * service (the `speech.utterance` events, as the screen receives them), and the visitor moves with the
 * number keypad only — 6 next, 4 previous, Enter choose, point back, 5 repeat, 0 help.
 */
import { expect, type Page } from '@playwright/test';
import type { Utterance } from '../../../src/contract';

declare global {
  interface Window {
    __heard?: Utterance[];
  }
}

/** Starts listening to the kiosk's voice (after the page has loaded). */
export async function listen(page: Page): Promise<void> {
  await page.waitForFunction(() => window.kiosk !== undefined);
  await page.evaluate(() => {
    window.__heard = [];
    window.kiosk.on('speech.utterance', (u) => window.__heard!.push(u));
  });
}

/** Everything said since the last call (and forgets it). */
export async function take(page: Page): Promise<Utterance[]> {
  return page.evaluate(() => window.__heard!.splice(0));
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
      { message: `the kiosk to say ${String(text)}` },
    )
    .toBe(true);
  return said;
}

export async function key(page: Page, code: string): Promise<void> {
  await page.keyboard.press(code);
}

/**
 * Presses 6 (next) until the kiosk says `text` at the start of an utterance; returns what it said
 * there. A screen has at most a few dozen stops: more presses than that means it is not there.
 */
export async function moveTo(page: Page, text: string | RegExp, limit = 60): Promise<Utterance[]> {
  await take(page);
  for (let i = 0; i < limit; i += 1) {
    await key(page, 'Numpad6');
    // each press is answered by one or more utterances; wait for the first before the next press
    let said: Utterance[] = [];
    await expect.poll(async () => (said = [...said, ...(await take(page))]).length).toBeGreaterThan(0);
    const first = said.find((u) => !u.queued) ?? said[0]!;
    if (typeof text === 'string' ? first.text.startsWith(text) : text.test(first.text)) return said;
  }
  throw new Error(`pressed 6 ${limit} times and never heard ${String(text)}`);
}

/** Moves to `text` and chooses it with Enter. */
export async function choose(page: Page, text: string | RegExp): Promise<void> {
  await moveTo(page, text);
  await key(page, 'NumpadEnter');
}
