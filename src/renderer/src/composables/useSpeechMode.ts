import { nextTick, onBeforeUnmount, onMounted, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Language } from '../../../contract';
import { SPEECH_RATES, SPEECH_VOLUMES } from '../../../contract';
import { hasKiosk, kiosk } from '../kiosk-api';
import {
  ANNOUNCED,
  announcedText,
  describeScreen,
  describeStop,
  groupOf,
  isControl,
  stops,
  type Part,
} from '../speech/screen-reading';
import { createKeypadTyping } from '../speech/keypad-typing';
import { useDisplayStore } from '../stores/display';
import { useKioskStore } from '../stores/kiosk';
import { useNavigationStore } from '../stores/navigation';
import { useSpeechStore } from '../stores/speech';

/** The contract takes at most 4000 characters an utterance; a long screen is said in several. */
const MAX_UTTERANCE = 3000;

/** Cuts a long text at sentence ends into pieces of at most `max` characters. */
export function sentencesUpTo(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const pieces: string[] = [];
  let current = '';
  for (const sentence of text.match(/[^.!?]+[.!?]*\s*/g) ?? [text]) {
    if (current !== '' && current.length + sentence.length > max) {
      pieces.push(current.trim());
      current = '';
    }
    current += sentence.length > max ? sentence.slice(0, max) : sentence;
  }
  if (current.trim() !== '') pieces.push(current.trim());
  return pieces;
}

/** How long a finger rests on the start screen to turn speech on. */
const LONG_PRESS_MS = 1200;
/** A finger that moves this far is scrolling or tapping, not pressing. */
const LONG_PRESS_SLOP_PX = 12;

/**
 * The keypad's commands (KeyboardEvent.code: the same whether Num Lock is on or off). 5 carries the
 * raised dot every keypad has: it is the key a blind visitor finds first, so it turns speech on.
 */
const KEYS: Record<
  string,
  'repeat' | 'next' | 'previous' | 'activate' | 'back' | 'help' | 'faster' | 'slower' | 'louder' | 'quieter' | 'off'
> = {
  Numpad5: 'repeat',
  Numpad6: 'next',
  Numpad2: 'next',
  Numpad4: 'previous',
  Numpad8: 'previous',
  NumpadEnter: 'activate',
  NumpadDecimal: 'back',
  Numpad0: 'help',
  NumpadAdd: 'faster',
  NumpadSubtract: 'slower',
  NumpadMultiply: 'louder',
  NumpadDivide: 'quieter',
  Numpad9: 'off',
};

/**
 * Speech mode (docs/speech.md), for the whole kiosk, once, in App.vue. It reads whatever screen is
 * shown (screen-reading.ts) — no screen knows about it — and says it through core's one speech
 * service (`speech.say`), which speaks with espeak-ng and tells the screen, as `speech.utterance`,
 * every utterance it speaks.
 *
 * - On: keypad 5, or a long press anywhere on the start screen (the start screen says so).
 * - The keypad's keys move a reading cursor through the screen's stops (controls get the focus, so
 *   typing and the on-screen touch flow go on as usual), choose, go back, repeat, help, speed, volume.
 * - Every focus change is read (Tab and touch too), a new screen from its heading, errors and other
 *   announcements as they appear, an open dialog (the inactivity warning) first of all.
 * - Off: keypad 9, or the end of the visit (the speech store is a visit store; core falls silent).
 */
export function useSpeechMode(): void {
  const { t, locale } = useI18n();
  const speech = useSpeechStore();
  const kioskStore = useKioskStore();
  const nav = useNavigationStore();
  const display = useDisplayStore();
  let cursor: HTMLElement | null = null;
  let last: Part[] = [];
  let heardOnScreen = new Set<string>();
  let dialogOpen: Element | null = null;
  let pendingAnnouncements = new Set<Element>();
  let observer: MutationObserver | null = null;
  let pressTimer: ReturnType<typeof setTimeout> | null = null;
  let pressStart: { x: number; y: number } | null = null;
  let swallowClick = false;
  let offByKey = false;

  const ui = (): Language => (locale.value as Language) ?? kioskStore.language;
  const tr = (key: string, values?: Record<string, unknown>) => (values ? t(key, values) : t(key));
  const offered = () => hasKiosk() && kioskStore.info?.accessibility.speech.enabled === true;

  /** Sends the parts, one utterance per run of one language; `queue`: after what is being said. */
  function say(parts: Part[], options: { queue?: boolean; remember?: boolean } = {}): void {
    if (!speech.on || parts.length === 0) return;
    if (options.remember !== false) last = parts;
    const runs: Part[] = [];
    for (const p of parts) {
      const prev = runs[runs.length - 1];
      if (prev && prev.language === p.language)
        prev.text = p.tight
          ? `${prev.text.replace(/[.]$/, '')}, ${p.text}`
          : `${prev.text}${/[.!?:]$/.test(prev.text) ? '' : '.'} ${p.text}`;
      else runs.push({ ...p });
    }
    const utterances = runs.flatMap((run) => sentencesUpTo(run.text, MAX_UTTERANCE).map((text) => ({ ...run, text })));
    for (const [i, run] of utterances.entries()) {
      heardOnScreen.add(run.text);
      void kiosk().speech.say({
        language: run.language,
        text: run.text,
        queue: i > 0 || options.queue === true,
        rate: speech.rate(),
        volume: speech.volume(),
      });
    }
  }

  const uiPart = (key: string, values?: Record<string, unknown>): Part => ({ text: tr(key, values), language: ui() });

  // keypad Enter on a text field: the keypad types through the on-screen keyboard (keypad-typing.ts)
  const typing = createKeypadTyping({
    t: tr,
    say: (parts) => say(parts),
    part: uiPart,
    ui,
    describeField: (field) => describeStop(field, tr, ui(), false),
    showKeys: () => {
      if (display.keyboardHidden) display.setKeyboardHidden(false);
    },
  });

  function readScreen(prefix: Part[] = []): void {
    heardOnScreen = new Set();
    const screen = describeScreen(document, tr, ui());
    // the next stop is the first one not read already
    cursor = screen.lastRead ?? document.querySelector<HTMLElement>('main h1');
    say([...prefix, ...screen.parts, uiPart('speech.next')]);
  }

  function readStop(el: HTMLElement, previous: HTMLElement | null): void {
    const entering = groupOf(el) !== null && groupOf(el) !== (previous ? groupOf(previous) : null);
    say(describeStop(el, tr, ui(), entering));
  }

  function move(by: 1 | -1): void {
    const all = stops(document);
    if (all.length === 0) return;
    const at = cursor ? all.indexOf(cursor) : -1;
    const index = at < 0 ? (by === 1 ? 0 : all.length - 1) : (at + by + all.length) % all.length;
    const el = all[index] as HTMLElement;
    const wrapped = at >= 0 && ((by === 1 && index < at) || (by === -1 && index > at));
    const previous = cursor;
    cursor = el;
    el.scrollIntoView({ block: 'nearest' });
    if (isControl(el)) {
      // focus reads it (onFocus below); the cursor is already there
      if (document.activeElement === el) readStop(el, previous);
      else {
        movingTo = { el, previous, wrapped };
        el.focus();
      }
    } else say([...(wrapped ? [uiPart('speech.top')] : []), ...describeStop(el, tr, ui(), false)]);
  }
  let movingTo: { el: HTMLElement; previous: HTMLElement | null; wrapped: boolean } | null = null;

  function activate(): void {
    const el = cursor && document.contains(cursor) ? cursor : (document.activeElement as HTMLElement | null);
    if (!el || !isControl(el)) {
      say([uiPart('speech.nothingToChoose')]);
      return;
    }
    if (el.matches('select')) {
      // a list is stepped through: the next choice, and round again
      const select = el as HTMLSelectElement;
      select.selectedIndex = (select.selectedIndex + 1) % select.options.length;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      readStop(el, el);
      return;
    }
    if (el.matches('textarea, input:not([type=radio]):not([type=checkbox]):not([type=button]):not([type=submit])')) {
      // typed through the on-screen keyboard by keypad; without one, on the physical keyboard
      const field = el;
      void typing.start(field).then((started) => {
        if (!started && speech.on) {
          field.focus();
          say([uiPart('speech.typeHere')]);
        }
      });
      return;
    }
    el.click();
    // a choice stays on the screen: say its new state (a button that moved on is read by the new screen)
    if (el.matches('input[type=radio], input[type=checkbox]') && document.contains(el)) readStop(el, el);
  }

  function back(): void {
    const label = t('nav.back');
    const button = [...document.querySelectorAll<HTMLButtonElement>('[data-testid=action-bar] button')].find(
      (b) => b.textContent?.trim() === label && !b.disabled,
    );
    if (button) button.click();
    else say([uiPart('speech.noBack')]);
  }

  function command(name: (typeof KEYS)[string]): void {
    switch (name) {
      case 'repeat':
        say(last, { remember: false });
        return;
      case 'next':
        return move(1);
      case 'previous':
        return move(-1);
      case 'activate':
        return activate();
      case 'back':
        return back();
      case 'help':
        say([uiPart('speech.help')]);
        return;
      case 'faster':
      case 'slower':
        speech.stepRate(name === 'faster' ? 1 : -1);
        say([uiPart('speech.rate', { step: (speech.rateStep ?? 0) + 1, steps: SPEECH_RATES.length })]);
        return;
      case 'louder':
      case 'quieter':
        speech.stepVolume(name === 'louder' ? 1 : -1);
        say([uiPart('speech.volume', { step: speech.volumeStep + 1, steps: SPEECH_VOLUMES.length })]);
        return;
      case 'off':
        // "Uppläsning av" is the last thing said, and is let finish
        say([uiPart('speech.off')]);
        offByKey = true;
        speech.turnOff();
        return;
    }
  }

  /** `why`: 'headset' when a plugged-in headset turned it on (said first, so the visitor knows why). */
  function turnOn(why: 'visitor' | 'headset' = 'visitor'): void {
    if (!offered() || speech.on) return;
    speech.turnOn(kioskStore.info?.accessibility.speech.rate ?? 175);
    readScreen([
      ...(why === 'headset' ? [uiPart('speech.headsetIn')] : []),
      uiPart('speech.on'),
      uiPart('speech.keys'),
    ]);
  }

  /**
   * A headset plugged in turns speech on (start screen or mid-visit). Pulled out, speech stays on until
   * the visit ends — a plug that slipped must not leave a blind visitor in silence — and the visitor is
   * told so (9 turns it off). A new visit asks whether one is still in: then it starts speaking too.
   */
  function onHeadset(plugged: boolean): void {
    if (plugged) turnOn('headset');
    else if (speech.on) say([uiPart('speech.headsetOut')]);
  }
  async function askHeadset(): Promise<void> {
    if (!offered() || speech.on) return;
    // no answer (the connection dropped): speech stays off, keypad 5 still turns it on
    const res = await kiosk().speech.headset({});
    if (res.ok && res.value.plugged === true) turnOn('headset');
  }

  function onKey(e: KeyboardEvent): void {
    // a visitor typing on a real keyboard needs no keypad typing: the keypad moves through the screen again
    if (typing.field() && !e.code.startsWith('Numpad') && e.key.length === 1) typing.stop();
    const name = KEYS[e.code];
    if (!name || e.altKey || e.ctrlKey || e.metaKey || !offered()) return;
    if (!speech.on) {
      if (e.code !== 'Numpad5') return; // the keypad types digits as usual until speech is on
      e.preventDefault();
      turnOn();
      return;
    }
    e.preventDefault();
    e.stopPropagation();
    if (typing.key(e.code)) return;
    command(name);
  }

  function onFocus(e: FocusEvent): void {
    if (!speech.on) return;
    const el = e.target as HTMLElement;
    // typing by keypad keeps focus in its field: focus anywhere else ends it
    if (typing.field() && el !== typing.field()) typing.stop();
    else if (typing.field()) return;
    const dialog = el.closest('[role=alertdialog], [role=dialog]');
    if (dialog && dialog !== dialogOpen) {
      // the inactivity warning (or another dialog) opened: what it says, then where focus is
      dialogOpen = dialog;
      const parts = describeStop(el, tr, ui(), true);
      const heading = dialog.querySelector('h2');
      const body = dialog.getAttribute('aria-describedby');
      const bodyEl = body ? document.getElementById(body) : null;
      cursor = el;
      say([
        ...(heading ? [{ text: heading.textContent?.trim() ?? '', language: ui() }] : []),
        ...(bodyEl ? [{ text: bodyEl.textContent?.trim() ?? '', language: ui() }] : []),
        ...parts,
      ]);
      return;
    }
    if (!dialog) dialogOpen = null;
    if (el.matches('main h1')) {
      readScreen();
      return;
    }
    const moving = movingTo?.el === el ? movingTo : null;
    movingTo = null;
    const previous = moving ? moving.previous : cursor;
    cursor = el;
    if (isControl(el)) {
      say([
        ...(moving?.wrapped ? [uiPart('speech.top')] : []),
        ...describeStop(el, tr, ui(), groupOf(el) !== (previous ? groupOf(previous) : null)),
      ]);
    } else {
      // a box that takes focus to be read (the error summary after Nästa)
      const text = el.textContent?.replace(/\s+/g, ' ').trim() ?? '';
      if (text) say([{ text, language: ui() }]);
    }
  }

  /** New text in an announcing region: said after what is being said, unless it was just said. */
  function onMutations(records: MutationRecord[]): void {
    if (!speech.on) return;
    for (const r of records) {
      const node = r.target instanceof Element ? r.target : r.target.parentElement;
      // the screen's heading changed in place (a screen that first says it is loading): read it again
      const heading = node?.closest('main h1');
      if (heading && heading === document.activeElement) {
        queueMicrotask(() => readScreen());
        return;
      }
      // the screen put a new heading in place of the focused one (the e-ID choice became BankID's QR):
      // focus went with the old one, so it goes to the new heading, which reads the screen
      for (const added of r.addedNodes) {
        const h1 =
          added instanceof HTMLElement ? (added.matches('main h1') ? added : added.querySelector('main h1')) : null;
        if (
          h1 instanceof HTMLElement &&
          (document.activeElement === null || document.activeElement === document.body)
        ) {
          queueMicrotask(() => h1.focus());
          return;
        }
      }
      const region = node?.closest(ANNOUNCED);
      if (region) pendingAnnouncements.add(region);
      for (const added of r.addedNodes)
        if (added instanceof Element) {
          if (added.matches(ANNOUNCED)) pendingAnnouncements.add(added);
          for (const inner of added.querySelectorAll(ANNOUNCED)) pendingAnnouncements.add(inner);
        }
    }
    queueMicrotask(flushAnnouncements);
  }

  function flushAnnouncements(): void {
    const regions = [...pendingAnnouncements];
    pendingAnnouncements = new Set();
    for (const region of regions) {
      if (!document.contains(region) || region.contains(document.activeElement)) continue;
      const part = announcedText(region, ui());
      if (!part || heardOnScreen.has(part.text) || last.some((p) => p.text.includes(part.text))) continue;
      heardOnScreen.add(part.text);
      say([part], { queue: true, remember: false });
    }
  }

  function onPointerDown(e: PointerEvent): void {
    if (speech.on || nav.screen !== 'start' || !offered() || !e.isPrimary) return;
    pressStart = { x: e.clientX, y: e.clientY };
    pressTimer = setTimeout(() => {
      pressTimer = null;
      swallowClick = true;
      turnOn();
    }, LONG_PRESS_MS);
  }
  function cancelPress(): void {
    if (pressTimer) clearTimeout(pressTimer);
    pressTimer = null;
    pressStart = null;
  }
  function onPointerMove(e: PointerEvent): void {
    if (pressStart && Math.hypot(e.clientX - pressStart.x, e.clientY - pressStart.y) > LONG_PRESS_SLOP_PX)
      cancelPress();
  }
  /** The finger that turned speech on lifts: that is not a tap on what it rested on. */
  function onClick(e: MouseEvent): void {
    if (!swallowClick) return;
    swallowClick = false;
    e.preventDefault();
    e.stopPropagation();
  }
  function onContextMenu(e: Event): void {
    if (nav.screen === 'start') e.preventDefault();
  }

  watch(
    () => speech.on,
    (on) => {
      if (!on) {
        typing.stop();
        cursor = null;
        last = [];
        dialogOpen = null;
        // turned off any other way (the visit ended: core has stopped already): silence now
        if (!offByKey && hasKiosk()) {
          void kiosk().speech.stop({});
          // the visit ended: a headset still plugged in turns speech on for the next visitor
          void nextTick(askHeadset);
        }
        offByKey = false;
      }
    },
  );

  const listeners: Array<[string, EventListener]> = [
    ['keydown', onKey as EventListener],
    ['focusin', onFocus as EventListener],
    ['pointerdown', onPointerDown as EventListener],
    ['pointermove', onPointerMove as EventListener],
    ['pointerup', cancelPress],
    ['pointercancel', cancelPress],
    ['click', onClick as EventListener],
    ['contextmenu', onContextMenu],
  ];
  // a new screen: typing by keypad ends with the screen it was on
  watch(
    () => nav.revision,
    () => typing.stop(),
  );
  // the kiosk started (or came back): a headset already in turns speech on
  watch(
    () => kioskStore.info !== null,
    (loaded) => {
      if (loaded) void askHeadset();
    },
  );

  onMounted(() => {
    if (hasKiosk()) kiosk().on('speech.headset', ({ plugged }) => onHeadset(plugged));
    for (const [name, fn] of listeners) document.addEventListener(name, fn, true);
    observer = new MutationObserver(onMutations);
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  onBeforeUnmount(() => {
    for (const [name, fn] of listeners) document.removeEventListener(name, fn, true);
    observer?.disconnect();
    cancelPress();
  });
}
