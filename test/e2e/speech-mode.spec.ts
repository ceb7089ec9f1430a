/**
 * Speech mode (docs/speech.md) as a blind visitor uses it: the number keypad only (6 next, Enter
 * choose, 5 on and repeat), text typed on the keyboard, every screen heard through the kiosk's one
 * speech service — the sequence of utterances is read off its `speech.utterance` events.
 */
import type { Page } from '@playwright/test';
import { spokenText } from '../../src/core/speech/spoken-values';
import type { Language, Utterance } from '../../src/contract';
import { ar } from '../../src/renderer/src/i18n/ar';
import { en } from '../../src/renderer/src/i18n/en';
import type { MessageSchema } from '../../src/renderer/src/i18n/message-schema';
import { sv } from '../../src/renderer/src/i18n/sv';
import { expect, test } from './support/fixtures';
import { bankIdSimulator, scanQr } from './support/bankid-phone';
import { CONFIG, configWithSession, escape, h1, openKiosk } from './support/journey';
import { startSoundServer } from '../support/pulseaudio';
import {
  enterAndWait,
  choose,
  expectSaid,
  key,
  listen,
  moveTo,
  pressAndHear,
  take,
  typeByKeypad,
  waitSaid,
} from './support/speech';

const ANNA = '199001012385';

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
    question: 'Vad gäller felet?',
    littering: 'Nedskräpning eller klotter',
    describe: 'Beskriv felet',
    step2: 'Var finns felet?',
    place: 'Adress eller plats',
    step3: 'Vill du ha återkoppling?',
  },
  en: {
    title: 'Report a fault on streets, parks and lighting',
    step1: 'What is wrong?',
    question: 'What is the fault about?',
    littering: 'Litter or graffiti',
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

/**
 * A journey by keypad is a few hundred key presses, each waiting for what the kiosk says: on a busy
 * 2-core machine that is more than a journey's usual two minutes.
 */
test.describe.configure({ timeout: 300_000 });

/** The journeys' kiosk, with Arabic offered too. */
test.use({ hostConfig: CONFIG.replace('kiosk:\n', 'kiosk:\n  languages: [sv, en, ar]\n') });

/**
 * A new screen, read to its end ("Tryck 6 för att gå vidare"), which begins with its heading; a
 * screen passed on the way (one that says it is fetching something) is read too, and skipped here.
 */
async function screenSaid(page: Page, w: MessageSchema, heading: string) {
  let said: Utterance[] = [];
  const start = () => said.findIndex((u) => !u.queued && u.text.startsWith(heading));
  await expect
    .poll(
      async () => {
        said = [...said, ...(await take(page))];
        return start() >= 0 && said.slice(start()).some((u) => u.text.endsWith(w.speech.next));
      },
      { message: `the screen "${heading}" to be read` },
    )
    .toBe(true);
  return said.slice(start());
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
    const step1 = await screenSaid(page, w, f.step1);
    expect(step1.map((u) => u.text).join(' ')).toContain(
      w.steps.progress.replace('{current}', '1').replace('{total}', '3'),
    );
    await moveTo(page, option(w.fields.no));
    await key(page, 'NumpadEnter');
    await waitSaid(
      page,
      new RegExp(
        `^${escape(w.fields.no)}, ${escape(w.speech.role.radio)}, ${escape(w.speech.state.selected)}|^${escape(w.speech.role.radio)}, ${escape(w.speech.state.selected)}`,
      ),
    );
    await choose(page, option(f.littering));
    // Enter on a field offers the on-screen keyboard by keypad; a visitor with a real keyboard just types
    await moveTo(page, control(f.describe));
    await key(page, 'NumpadEnter');
    await waitSaid(page, w.speech.typing.start);
    await page.keyboard.type('Lampan blinkar hela natten.');
    await choose(page, control(w.nav.next));

    // ── step 2: Nästa without the address: the error is spoken as it appears ──
    await waitSaid(page, f.step2);
    await expect(h1(page)).toHaveText(f.step2);
    await choose(page, control(w.nav.next));
    const error = await waitSaid(page, w.steps.errorSummary);
    expect(error.map((u) => u.text).join(' ')).toContain(w.issues.required);
    // ── the address typed by keypad alone, through the on-screen keyboard, every key heard ──
    // 6 reaches the error summary's link to the field first: Enter follows it to the field
    await moveTo(page, control(f.place));
    // (on an Arabic visit the field's English name and the kiosk's Arabic words are two utterances)
    expect(await pressAndHear(page, 'NumpadEnter')).toMatch(
      new RegExp(`^${escape(f.place)}${lang === 'ar' ? '' : `, ${escape(w.speech.role.textbox)}`}`),
    );
    const start = await pressAndHear(page, 'NumpadEnter');
    expect(start).toBe(spokenText(`${w.speech.typing.start} 1`, lang));
    await expect(page.getByTestId('onscreen-keyboard')).toBeVisible();
    const space = w.a11y.keyboard.space;
    await typeByKeypad(page, [
      // the keyboard is laid out as a Swedish one: 1 2 3 …, q w e …, a s d …, ⇧ z x c …, &123 - space
      { moves: ['Numpad2', 'Numpad6', 'Numpad6'], key: 'e', typed: 'e' },
      { moves: ['Numpad2', ...Array<string>(5).fill('Numpad6')], key: 'k', typed: 'k' },
      { moves: ['Numpad2', 'Numpad2'], key: space, typed: new RegExp(`^${escape(space)}`) },
      // up to the digits (8 four times, under the space bar: 8), then left to 4
      {
        moves: [...Array<string>(4).fill('Numpad8'), ...Array<string>(4).fill('Numpad4')],
        key: spokenText('4', lang),
        typed: spokenText('4', lang),
      },
    ]);
    // 5 reads the field; point leaves typing, and the field keeps it
    expect(await pressAndHear(page, 'Numpad5')).toBe(
      spokenText(w.speech.typing.contains.replace('{value}', 'ek 4'), lang),
    );
    expect(await pressAndHear(page, 'NumpadDecimal')).toMatch(
      new RegExp(`^${escape(w.speech.typing.done)}${lang === 'ar' ? '' : ` ${escape(f.place)}`}`),
    );
    await expect(page.getByLabel(f.place)).toHaveValue('ek 4');
    await choose(page, control(w.nav.next));

    // ── step 3 ──
    await waitSaid(page, f.step3);
    await choose(page, option(w.fields.no));
    await choose(page, control(w.nav.next));

    // ── review: the answers can be heard one by one; then send ──
    await waitSaid(page, w.review.heading);
    // a row says its question and its answer (in Arabic, the answer comes after, in its own language)
    const row = await moveTo(page, control(f.question));
    if (!row.some((u) => u.text.includes(f.littering))) await waitSaid(page, f.littering);
    await choose(page, control(w.review.submit));
    const receipt = await waitSaid(page, w.receipt.heading);
    await expect(h1(page)).toHaveText(w.receipt.heading);
    const reference = (await page.getByTestId('receipt-reference').textContent())!.trim();
    // the reference is spelt out, character by character, never read as a word or a number
    expect(receipt.map((u) => u.text).join(' ')).toContain(spokenText(reference, lang));
    expect(receipt.map((u) => u.text).join(' ')).not.toContain(reference);
    for (const u of receipt) expect(u.language).toBe(u.text.startsWith(f.title) ? flowLang : lang);
    // the status turns to "received" when the case reaches the municipality — said as it changes
    // (or with the screen, when it came first); heard before Avsluta, so the silence after is the reset's
    await expect(page.getByTestId('receipt-status')).toHaveAttribute('data-status', 'delivered');
    const delivered = spokenText(w.receipt.statusText.delivered, lang);
    if (!receipt.some((u) => u.text.includes(delivered))) await waitSaid(page, delivered);

    // ── Avsluta: the visit ends, and speech with it ──
    await choose(page, control(w.nav.finish), { silent: true });
    await expect(h1(page)).toHaveText('Välkommen till Testby kommun');
    await key(page, 'Numpad6');
    await page.getByTestId('begin').focus();
    expect(await take(page)).toEqual([]);
  });
}

/** Parkeringstillstånd's texts: Swedish for a Swedish visit, English otherwise. */
const PARKING = {
  sv: {
    title: 'Ansökan om parkeringstillstånd för rörelsehindrade',
    step1: 'Innan du börjar',
    registered: 'Är du folkbokförd i kommunen?',
    driverOrPassenger: 'Söker du som förare eller som passagerare?',
    passenger: 'Passagerare – någon annan kör mig',
    step2: 'Dina uppgifter',
    pnr: 'Personnummer',
    phone: 'Telefonnummer',
    step3: 'Om dig som passagerare',
    driversHelp: 'Behöver du förarens hjälp även när du har kommit ur bilen?',
    leftAlone: 'Kan du lämnas ensam en kort stund medan föraren parkerar?',
    step4: 'Ditt behov',
    describe: 'Beskriv din funktionsnedsättning',
    howFar: 'Hur långt kan du gå utan att stanna',
    under25: 'Kortare än 25 meter',
    upTo100: '25–100 meter',
    aids: 'Vilka hjälpmedel använder du?',
    rollator: 'Rullator',
    howLong: 'Hur länge beräknas funktionsnedsättningen vara?',
    permanent: 'Längre än två år eller bestående',
    before: 'Har du haft parkeringstillstånd tidigare?',
    step5: 'Intyga och skicka',
    confirm: 'Jag intygar att uppgifterna i ansökan är riktiga',
    readPolicy: 'Jag har läst hur kommunen behandlar mina personuppgifter',
    need: 'Artros i båda knäna.',
  },
  en: {
    title: 'Application for a disabled parking permit',
    step1: 'Before you start',
    registered: 'Are you registered as living in this municipality?',
    driverOrPassenger: 'Are you applying as a driver or as a passenger?',
    passenger: 'Passenger – someone else drives me',
    step2: 'Your details',
    pnr: 'Personal identity number',
    phone: 'Phone number',
    step3: 'About you as a passenger',
    driversHelp: "Do you need the driver's help after you have got out of the car?",
    leftAlone: 'Can you be left alone for a short while when the driver parks?',
    step4: 'Your needs',
    describe: 'Describe your disability',
    howFar: 'How far can you walk without stopping',
    under25: 'Less than 25 metres',
    upTo100: '25–100 metres',
    aids: 'Which walking aids do you use?',
    rollator: 'Rollator',
    howLong: 'How long is the disability expected to last?',
    permanent: 'More than two years or permanent',
    before: 'Have you had a parking permit before?',
    step5: 'Confirm and send',
    confirm: 'I confirm that the information in the application is correct',
    readPolicy: 'I have read how the municipality handles my personal data',
    need: 'Arthritis in both knees.',
  },
};

/**
 * Answers a question by keypad: 6 to its first option (which says the question first), then on to the
 * option if that is another one, Enter. The focused option is read off the page: on an Arabic visit the
 * option's words come in an utterance of their own, after the question's.
 */
async function answerBy(page: Page, question: string, label: string): Promise<void> {
  await moveTo(page, (t) => t.startsWith(question));
  const focused = await page.evaluate(
    () => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent?.trim() ?? '',
  );
  if (!focused.startsWith(label)) await moveTo(page, option(label));
  await enterAndWait(page);
}

for (const lang of ['sv', 'en', 'ar'] as const) {
  test(`Parkeringstillstånd, a BankID e-service, by keypad and speech alone: login and signing by QR with the phone (${lang})`, async ({
    page,
    host,
  }) => {
    const w = words(lang);
    const p = PARKING[lang === 'sv' ? 'sv' : 'en'];
    const flowLang: Language = lang === 'sv' ? 'sv' : 'en';
    /** A value is spoken in the language of the utterance it is in: the visitor's, or the e-service's. */
    const heard = async (said: Utterance[], value: string) => {
      const forms = [...new Set([lang, flowLang].map((l) => spokenText(value, l)))];
      if (!forms.some((f) => said.some((u) => u.text.includes(f))))
        await waitSaid(page, new RegExp(forms.map(escape).join('|')));
    };
    const sim = bankIdSimulator(host);
    await openKiosk(page, host);
    await listen(page);
    await speechOn(page, lang);
    await choose(page, control(w.start.begin));
    await waitSaid(page, w.catalogue.heading);
    await choose(page, control(p.title));
    const intro = await screenSaid(page, w, p.title);
    expect(intro[0]?.language).toBe(flowLang);
    await choose(page, control(w.intro.begin));

    // ── sign-in: the heading, then the QR's instruction and BankID's message, in the visitor's language ──
    await expect(h1(page)).toHaveText(w.bankid.loginHeading);
    const login = await waitSaid(page, spokenText(w.bankid.rfa.rfa1, lang));
    expect(login.map((u) => u.text).join(' ')).toContain(spokenText(w.bankid.loginHeading, lang));
    expect(login.map((u) => u.text).join(' ')).toContain(spokenText(w.bankid.instruction, lang));
    for (const u of login) expect(u.language).toBe(lang);
    await scanQr(page, sim, { personalNumber: ANNA });

    // ── step 1 ──
    await screenSaid(page, w, p.step1);
    await answerBy(page, p.registered, w.fields.yes);
    await answerBy(page, p.driverOrPassenger, p.passenger);
    await choose(page, control(w.nav.next));

    // ── step 2: the register's details; the personnummer is read in pairs ──
    await screenSaid(page, w, p.step2);
    const pnr = await moveTo(page, control(p.pnr));
    if (lang === 'sv')
      expect(pnr.map((u) => u.text).join(' ')).toContain(
        `Personnummer, textfält, obligatoriskt, går inte att ändra, innehåller nitton nittio, noll ett, noll ett, tjugotre åttiofem`,
      );
    const pnrValue = await page.getByLabel(p.pnr).inputValue();
    await heard(pnr, pnrValue);
    await moveTo(page, control(p.phone));
    await key(page, 'NumpadEnter');
    await waitSaid(page, spokenText(w.speech.typing.start, lang));
    await page.keyboard.type('070-765 43 21');
    await choose(page, control(w.nav.next));

    // ── step 3 (passenger) ──
    await screenSaid(page, w, p.step3);
    await answerBy(page, p.driversHelp, w.fields.no);
    await answerBy(page, p.leftAlone, w.fields.yes);
    await choose(page, control(w.nav.next));

    // ── step 4: a list is stepped through with Enter ──
    await screenSaid(page, w, p.step4);
    await moveTo(page, control(p.describe));
    await key(page, 'NumpadEnter');
    await waitSaid(page, spokenText(w.speech.typing.start, lang));
    await page.keyboard.type(p.need);
    await moveTo(page, control(p.howFar));
    await key(page, 'NumpadEnter');
    await waitSaid(page, spokenText(w.speech.state.value.replace('{value}', p.under25), lang));
    await key(page, 'NumpadEnter');
    await waitSaid(page, spokenText(w.speech.state.value.replace('{value}', p.upTo100), lang));
    await answerBy(page, p.aids, p.rollator);
    await waitSaid(
      page,
      `${lang === 'ar' ? '' : `${p.rollator}, `}${w.speech.role.checkbox}, ${w.speech.state.checked}`,
    );
    await answerBy(page, p.howLong, p.permanent);
    await answerBy(page, p.before, w.fields.no);
    await choose(page, control(w.nav.next));

    // ── step 5: two declarations ──
    await screenSaid(page, w, p.step5);
    await choose(page, control(p.confirm));
    await choose(page, control(p.readPolicy));
    await choose(page, control(w.nav.next));

    // ── review, then signing: the same QR screen, scanned with the phone ──
    await screenSaid(page, w, w.review.heading);
    const phone = await moveTo(
      page,
      (t) =>
        t.startsWith(p.phone) && (lang !== 'sv' || t.includes('noll sju noll, sju sextiofem, fyrtiotre, tjugoett')),
    );
    await heard(phone, '070-765 43 21');
    await choose(page, control(w.review.toSign));
    await expect(h1(page)).toHaveText(w.bankid.signHeading);
    const sign = await waitSaid(page, spokenText(w.bankid.signHeading, lang));
    expect(sign.find((u) => u.text.startsWith(spokenText(w.bankid.signHeading, lang)))?.language).toBe(lang);
    await scanQr(page, sim, { personalNumber: ANNA });
    const receipt = await screenSaid(page, w, w.receipt.heading);
    const reference = (await page.getByTestId('receipt-reference').textContent())!.trim();
    expect(receipt.map((u) => u.text).join(' ')).toContain(spokenText(reference, lang));
    await choose(page, control(w.nav.finish), { silent: true });
    await expect(h1(page)).toHaveText('Välkommen till Testby kommun');
  });
}

test('the inactivity warning is read aloud, its countdown too, and answered with the keypad', async ({
  page,
  startHost,
}) => {
  const host = await startHost(configWithSession({ idleSeconds: 30, warningSeconds: 20, extendSteps: [60] }));
  const w = sv;
  await page.clock.install();
  await openKiosk(page, host);
  await listen(page);
  await speechOn(page, 'sv');
  await choose(page, control(w.start.begin));
  await screenSaid(page, w, w.catalogue.heading);
  await page.clock.pauseAt(Date.now() + 1_000);
  const dialog = page.getByRole('alertdialog', { name: w.inactivity.heading });

  await page.clock.runFor(31_000);
  await expect(dialog).toBeVisible();
  // the warning first: its heading, what happens, and the button that answers it
  await expectSaid(page, [
    `${w.inactivity.heading} ${w.inactivity.body.replace('{seconds}', '20')} ${w.inactivity.stay}, ${w.speech.role.button}`,
    w.inactivity.announce.replace('{seconds}', '20'),
  ]);
  // the countdown, every ten seconds
  await page.clock.runFor(10_000);
  await expectSaid(page, [w.inactivity.announce.replace('{seconds}', '10')]);
  // 6 reaches "more time", 4 goes back, Enter answers: the visit goes on where it was
  await key(page, 'Numpad6');
  await waitSaid(page, `${w.inactivity.more.replace('{minutes}', '1')}, ${w.speech.role.button}`);
  await key(page, 'Numpad4');
  await waitSaid(page, `${w.inactivity.stay}, ${w.speech.role.button}`);
  await key(page, 'NumpadEnter');
  await expect(dialog).toHaveCount(0);
  await expect(h1(page)).toHaveText(w.catalogue.heading);
  // unanswered, the warning ends the visit, and speech with it
  await page.clock.runFor(31_000);
  await expect(dialog).toBeVisible();
  await page.clock.runFor(21_000);
  await expect(h1(page)).toHaveText('Välkommen till Testby kommun');
  await take(page);
  await key(page, 'Numpad6');
  await expect(page.getByTestId('speech-hint')).toBeVisible();
  expect(await take(page)).toEqual([]);
});

test('a finger held on the start screen turns speech on, and lifting it taps nothing', async ({ page, host }) => {
  await openKiosk(page, host);
  await listen(page);
  // held on "Börja" itself: speech comes on, and the lifted finger does not start the visit
  const begin = await page.getByTestId('begin').boundingBox();
  await page.mouse.move(begin!.x + begin!.width / 2, begin!.y + begin!.height / 2);
  await page.mouse.down();
  await waitSaid(page, `${sv.speech.on} ${sv.speech.keys}`);
  await page.mouse.up();
  await expect(h1(page)).toHaveText('Välkommen till Testby kommun');
  // a tap is a tap: with speech on it goes on as usual, and the new screen is read
  await page.getByTestId('begin').click();
  await expect(h1(page)).toHaveText(sv.catalogue.heading);
  await screenSaid(page, sv, sv.catalogue.heading);
  // 0 is help, 9 turns speech off
  await key(page, 'Numpad0');
  await expectSaid(page, [sv.speech.help]);
  await key(page, 'Numpad9');
  await expectSaid(page, [sv.speech.off]);
  await key(page, 'Numpad6');
  await page.getByRole('button', { name: sv.nav.back }).focus();
  expect(await take(page)).toEqual([]);
});

test('a headset plugged in turns speech on by itself; pulled out, speech stays on for the visit; still in, the next visitor hears too', async ({
  page,
  startHost,
}) => {
  // a real PulseAudio: the headset arrives as a sink of its own, as a USB or Bluetooth headset does
  const sound = await startSoundServer();
  try {
    const host = await startHost(configWithSession({ idleSeconds: 30, warningSeconds: 20, extendSteps: [60] }), {
      PULSE_SERVER: sound.env.PULSE_SERVER!,
    });
    const w = sv;
    const start = `${w.start.heading.replace('{municipality}', 'Testby kommun')}. ${w.start.intro} ${w.speech.next}`;
    await page.clock.install();
    await openKiosk(page, host);
    await listen(page);
    await expect(page.getByTestId('speech-hint')).toBeVisible();
    expect(await take(page)).toEqual([]);

    // plugged in on the start screen: speech comes on, says why, and reads the screen
    let unplug = sound.plugHeadset();
    await expectSaid(page, [`${w.speech.headsetIn} ${w.speech.on} ${w.speech.keys} ${start}`]);
    await choose(page, control(w.start.begin));
    await screenSaid(page, w, w.catalogue.heading);

    // pulled out: the visitor is told, and speech goes on (a plug that slipped leaves no one in silence)
    unplug();
    await waitSaid(page, w.speech.headsetOut);
    await key(page, 'Numpad5');
    await waitSaid(page, w.speech.headsetOut);

    // in again, and left in when the visit ends: the next visitor's start screen is read too
    unplug = sound.plugHeadset();
    await page.clock.pauseAt(Date.now() + 1_000);
    await page.clock.runFor(31_000);
    await expect(page.getByRole('alertdialog', { name: w.inactivity.heading })).toBeVisible();
    await page.clock.runFor(21_000);
    await expect(h1(page)).toHaveText('Välkommen till Testby kommun');
    await waitSaid(page, `${w.speech.headsetIn} ${w.speech.on}`);

    // pulled out and turned off with 9: nothing turns it on again
    unplug();
    await key(page, 'Numpad9');
    await waitSaid(page, w.speech.off);
    await take(page);
    await page.getByTestId('begin').click();
    await expect(h1(page)).toHaveText(w.catalogue.heading);
    await key(page, 'Numpad6');
    expect(await take(page)).toEqual([]);
  } finally {
    await sound.remove();
  }
});

test('a kiosk without the on-screen keyboard (a real keyboard attached): Enter on a field says to type on the keyboard', async ({
  page,
  startHost,
}) => {
  const host = await startHost(`${CONFIG}\naccessibility:\n  onScreenKeyboard: false\n`);
  const w = sv;
  const f = FELANMALAN.sv;
  await openKiosk(page, host);
  await listen(page);
  await speechOn(page, 'sv');
  await choose(page, control(w.start.begin));
  await waitSaid(page, w.catalogue.heading);
  await choose(page, control(f.title));
  await waitSaid(page, f.title);
  await choose(page, control(w.intro.begin));
  await screenSaid(page, w, f.step1);
  await moveTo(page, control(f.describe));
  await key(page, 'NumpadEnter');
  await waitSaid(page, w.speech.typeHere);
  await expect(page.getByTestId('onscreen-keyboard')).toHaveCount(0);
  await page.keyboard.type('Lampan blinkar.');
  // 6 moves on through the screen as before
  await moveTo(page, control(w.nav.next));
  await expect(page.getByLabel(f.describe)).toHaveValue('Lampan blinkar.');
});
