/**
 * Speech mode (docs/speech.md) as a blind visitor uses it: the number keypad only (6 next, Enter
 * choose, 5 on and repeat), text typed on the keyboard, every screen heard through the kiosk's one
 * speech service — the sequence of utterances is read off its `speech.utterance` events.
 */
import type { Page } from '@playwright/test';
import { spokenText } from '../../src/core/speech/spoken-values';
import type { Language } from '../../src/contract';
import { ar } from '../../src/renderer/src/i18n/ar';
import { en } from '../../src/renderer/src/i18n/en';
import type { MessageSchema } from '../../src/renderer/src/i18n/message-schema';
import { sv } from '../../src/renderer/src/i18n/sv';
import { expect, test } from './support/fixtures';
import { escape, h1, openKiosk } from './support/journey';
import { choose, expectSaid, key, listen, moveTo, take, waitSaid } from './support/speech';

/** The kiosk's own words in a language (Arabic falls back to English where it has no text, as the kiosk does). */
function words(lang: Language): MessageSchema {
  if (lang === 'sv') return sv;
  if (lang === 'en') return en;
  return merge(en, ar) as MessageSchema;
}
function merge(base: unknown, over: unknown): unknown {
  if (typeof base !== 'object' || base === null || typeof over !== 'object' || over === null) return over ?? base;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) out[k] = merge(out[k], v);
  return out;
}

/** An option of a question: "Nej, alternativ, …" — or, entering its group, "Question? Nej, …". */
function option(label: string): RegExp {
  return new RegExp(`^(.*\\? )?${escape(label)}(,|$)`);
}
function control(label: string): RegExp {
  return new RegExp(`^${escape(label)}([,. ]|$)`);
}

/** The e-service's texts: Swedish for a Swedish visit, English otherwise (it has no Arabic text). */
const FELANMALAN = {
  sv: {
    title: 'Felanmälan gata, park och belysning',
    step1: 'Vad är fel?',
    no: 'Nej',
    littering: 'Nedskräpning eller klotter',
    describe: 'Beskriv felet',
    step2: 'Var finns felet?',
    place: 'Adress eller plats',
    step3: 'Vill du ha återkoppling?',
  },
  en: {
    title: 'Report a fault on streets, parks and lighting',
    step1: 'What is wrong?',
    no: 'No',
    littering: 'Littering or graffiti',
    describe: 'Describe the fault',
    step2: 'Where is the fault?',
    place: 'Address or place',
    step3: 'Would you like to hear back?',
  },
};

async function speechOn(page: Page, lang: Language): Promise<void> {
  const sv0 = words('sv');
  await key(page, 'Numpad5');
  // the first words: speech is on, the keys, then the start screen from its heading
  await expectSaid(page, [
    `${sv0.speech.on} ${sv0.speech.keys} ${sv0.start.heading.replace('{municipality}', 'Testby kommun')}. ${sv0.start.intro} ${sv0.speech.next}`,
  ]);
  if (lang === 'sv') return;
  const w = words(lang);
  await choose(page, control(w.language[lang]));
  await waitSaid(page, w.start.heading.replace('{municipality}', 'Testby kommun'));
}

for (const lang of ['sv', 'en', 'ar'] as const) {
  test(`Felanmälan by keypad and speech alone (${lang})`, async ({ page, host }) => {
    const w = words(lang);
    const f = FELANMALAN[lang === 'sv' ? 'sv' : 'en'];
    const flowLang: Language = lang === 'sv' ? 'sv' : 'en';
    await openKiosk(page, host);
    await expect(page.getByTestId('speech-hint')).toHaveText(sv.speech.startHint);
    await listen(page);
    await speechOn(page, lang);

    await choose(page, control(w.start.begin));
    await waitSaid(page, w.catalogue.heading);
    await choose(page, control(f.title));
    const intro = await waitSaid(page, f.title);
    expect(intro.find((u) => u.text.startsWith(f.title))?.language).toBe(flowLang);
    await choose(page, control(w.intro.begin));

    // ── step 1: the heading and progress, then each question as the keypad reaches it ──
    const step1 = await waitSaid(page, f.step1);
    expect(step1.map((u) => u.text).join(' ')).toContain(
      w.steps.progress.replace('{current}', '1').replace('{total}', '3'),
    );
    await moveTo(page, option(f.no));
    await key(page, 'NumpadEnter');
    await waitSaid(
      page,
      new RegExp(
        `^${escape(f.no)}, ${escape(w.speech.role.radio)}, ${escape(w.speech.state.selected)}|^${escape(w.speech.role.radio)}, ${escape(w.speech.state.selected)}`,
      ),
    );
    await choose(page, option(f.littering));
    await moveTo(page, control(f.describe));
    await key(page, 'NumpadEnter');
    await waitSaid(page, w.speech.typeHere);
    await page.keyboard.type('Lampan blinkar hela natten.');
    await choose(page, control(w.nav.next));

    // ── step 2: Nästa without the address: the error is spoken as it appears ──
    await waitSaid(page, f.step2);
    await expect(h1(page)).toHaveText(f.step2);
    await choose(page, control(w.nav.next));
    const error = await waitSaid(page, w.steps.errorSummary);
    expect(error.map((u) => u.text).join(' ')).toContain(w.issues.required);
    await moveTo(page, control(f.place));
    await key(page, 'NumpadEnter');
    await page.keyboard.type('Storgatan 12');
    await choose(page, control(w.nav.next));

    // ── step 3 ──
    await waitSaid(page, f.step3);
    await choose(page, option(f.no));
    await choose(page, control(w.nav.next));

    // ── review: the answers can be heard one by one; then send ──
    await waitSaid(page, w.review.heading);
    await moveTo(page, new RegExp(escape(f.littering)));
    await choose(page, control(w.review.submit));
    const receipt = await waitSaid(page, w.receipt.heading);
    await expect(h1(page)).toHaveText(w.receipt.heading);
    const reference = (await page.getByTestId('receipt-reference').textContent())!.trim();
    // the reference is spelt out, character by character, never read as a word or a number
    expect(receipt.map((u) => u.text).join(' ')).toContain(spokenText(reference, lang));
    expect(receipt.map((u) => u.text).join(' ')).not.toContain(reference);
    for (const u of receipt) expect(u.language).toBe(u.text.startsWith(f.title) ? flowLang : lang);

    // ── Avsluta: the visit ends, and speech with it ──
    await choose(page, control(w.nav.finish));
    await expect(h1(page)).toHaveText('Välkommen till Testby kommun');
    await key(page, 'Numpad6');
    await page.getByTestId('begin').focus();
    expect(await take(page)).toEqual([]);
  });
}
