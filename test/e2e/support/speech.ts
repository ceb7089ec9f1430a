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
  await settle(page);
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

/**
 * Forgets what the kiosk says until it has been quiet for a moment: the answer to a key pressed before
 * (a check box saying it is now ticked, a screen read on) can come after the next key is pressed, and
 * must not be taken for that key's answer — or a moveTo hears its target one stop late and Enter
 * chooses the control after it (CI once opened "Frågor och svar" instead of ticking a declaration).
 */
async function settle(page: Page): Promise<void> {
  let quiet = 0;
  while (quiet < 2) {
    quiet = (await take(page)).length === 0 ? quiet + 1 : 0;
    await page.waitForTimeout(100);
  }
}

/**
 * Presses Enter and waits until the kiosk answers (a new state, a new screen, an error) — without
 * taking the answer, which the next wait reads.
 */
export async function enterAndWait(page: Page): Promise<void> {
  await take(page);
  await key(page, 'NumpadEnter');
  await expect
    .poll(() => page.evaluate(() => (window as Listening).__heard!.length), {
      message: 'the kiosk to answer Enter',
    })
    .toBeGreaterThan(0);
}

/**
 * Moves to `text` and chooses it with Enter. `silent`: the choice ends the visit, and speech mode with
 * it, so nothing answers.
 */
export async function choose(page: Page, text: string | RegExp, { silent = false } = {}): Promise<void> {
  await moveTo(page, text);
  if (silent) await key(page, 'NumpadEnter');
  else await enterAndWait(page);
}

/** Presses a key once the kiosk is quiet, and returns its answer: what it then says, not queued. */
export async function pressAndHear(page: Page, code: string): Promise<string> {
  await settle(page);
  await key(page, code);
  let said: Utterance[] = [];
  await expect
    .poll(async () => (said = [...said, ...(await take(page))]).some((u) => !u.queued), {
      message: `the kiosk to answer ${code}`,
    })
    .toBe(true);
  const answer = said.slice(said.findIndex((u) => !u.queued));
  return answer.map((u) => u.text).join(' ');
}

/**
 * Types with the keypad through the on-screen keyboard (typing started with Enter on a field): for
 * each key, the moves that reach it (6/4 right and left, 8/2 up and down a row), the last of which is
 * answered with the key's name `key`; then Enter, answered with what was typed (`typed`).
 */
export async function typeByKeypad(
  page: Page,
  keys: Array<{ moves: string[]; key: string; typed: string | RegExp }>,
): Promise<void> {
  for (const k of keys) {
    let heard = '';
    for (const move of k.moves) heard = await pressAndHear(page, move);
    expect(heard, `the key reached by ${k.moves.join(' ')}`).toBe(k.key);
    const typed = await pressAndHear(page, 'NumpadEnter');
    if (typeof k.typed === 'string') expect(typed).toBe(k.typed);
    else expect(typed).toMatch(k.typed);
  }
}
