/**
 * What speech mode says about the screen, read off the DOM the visitor sees — never off a screen's
 * own code, so every screen (and every screen added later) is read the same way: its heading and the
 * text before its first control, each control with its name, role and state, text as a stop of its
 * own. Names and descriptions come from dom-accessibility-api (the accessible name computation of
 * WAI-ARIA, as a screen reader does it); the words for roles and states from i18n.
 *
 * Every piece carries the language it is written in (the nearest `lang`): an e-service without an
 * Arabic text shows English, and that English is read by the English voice.
 */
import { computeAccessibleDescription, computeAccessibleName } from 'dom-accessibility-api';
import type { Language } from '../../../contract';

export interface Part {
  text: string;
  language: Language;
  /** Said with the part before it, after a comma ("Börja, knapp"), not as a sentence of its own. */
  tight?: boolean;
}

export type Translate = (key: string, values?: Record<string, unknown>) => string;

const CONTROL = 'a[href], button, input:not([type=hidden]), select, textarea, [role=button], [role=link]';
const TEXT = 'h1, h2, h3, p, li, dt, [role=status], [role=alert], [role=img]';
/**
 * Regions whose new text is spoken as it appears: errors, BankID's messages, time left, and the
 * instruction of a QR code that appears once the order has started.
 */
export const ANNOUNCED = '[role=alert], [role=status], [aria-live]:not([aria-live=off]), .field-error, .qr-instruction';

const LANGS = new Set<Language>(['sv', 'en', 'ar']);
const ARABIC_SCRIPT = /[\u0600-\u06FF]/;

export function languageOf(el: Element | null, fallback: Language): Language {
  const lang = el?.closest('[lang]')?.getAttribute('lang')?.slice(0, 2) as Language | undefined;
  return lang && LANGS.has(lang) ? lang : fallback;
}

function clean(text: string | null | undefined): string {
  return (text ?? '')
    .replace(/\s+/g, ' ')
    .replace(/^[⚠\s]+/, '')
    .trim();
}

export function isShown(el: Element): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.closest('[aria-hidden=true], [hidden], [inert]')) return false;
  if (el.getClientRects().length === 0) return false;
  return el.checkVisibility ? el.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions) : true;
}

export function isControl(el: Element): boolean {
  return el.matches(CONTROL);
}

/** Text that is read with a control (its label, help or error) is not a stop of its own. */
function describedByIds(root: ParentNode): Set<string> {
  const ids = new Set<string>();
  for (const el of root.querySelectorAll('[aria-describedby], [aria-labelledby]'))
    for (const attr of ['aria-describedby', 'aria-labelledby'])
      for (const id of (el.getAttribute(attr) ?? '').split(/\s+/)) if (id) ids.add(id);
  return ids;
}

function isStop(el: Element, readWithControl: Set<string>): boolean {
  if (!isShown(el)) return false;
  if (isControl(el)) return !(el as HTMLButtonElement).disabled || el.matches('button');
  // text inside a control or a label is its name; text holding a control is read control by control
  if (el.parentElement?.closest(`${CONTROL}, label, legend`)) return false;
  if (el.matches('label, legend') || el.querySelector(CONTROL)) return false;
  if (el.id && readWithControl.has(el.id)) return false;
  // a block inside another text block (a <p> in an <li>) is read with it
  if (el.parentElement?.closest(TEXT.replace('[role=img]', 'dd'))) return false;
  return clean(el.textContent) !== '' || el.matches('[role=img]');
}

/**
 * The stops of the screen in reading order: an open dialog's alone; otherwise the screen (main, its
 * action bar included), then the header (language, display settings).
 */
export function stops(doc: Document): HTMLElement[] {
  const dialog = [...doc.querySelectorAll('[role=alertdialog], [role=dialog]')].find(isShown);
  const roots: Element[] = dialog
    ? [dialog]
    : [doc.querySelector('main'), doc.querySelector('header')].filter((r) => r !== null);
  const out: HTMLElement[] = [];
  for (const root of roots) {
    const readWithControl = describedByIds(root);
    for (const el of root.querySelectorAll<HTMLElement>(`${CONTROL}, ${TEXT}`))
      if (isStop(el, readWithControl)) out.push(el);
  }
  return out;
}

function roleOf(el: Element): string | null {
  if (el.matches('input[type=radio]')) return 'radio';
  if (el.matches('input[type=checkbox]')) return 'checkbox';
  if (el.matches('select')) return 'select';
  if (el.matches('textarea, input')) return 'textbox';
  if (el.matches('a[href], [role=link]')) return 'link';
  if (el.matches('button, [role=button]')) return 'button';
  if (el.matches('h1, h2, h3')) return 'heading';
  if (el.matches('[role=img]')) return 'image';
  return null;
}

/** The group a radio button or check box belongs to (its fieldset). */
export function groupOf(el: Element): HTMLFieldSetElement | null {
  return el.matches('input[type=radio], input[type=checkbox]') ? el.closest('fieldset') : null;
}

/** What is said when the visitor arrives on one stop. `enteringGroup`: say the question first. */
export function describeStop(el: HTMLElement, t: Translate, ui: Language, enteringGroup: boolean): Part[] {
  const role = roleOf(el);
  // text in Arabic script is Arabic whatever its element says (a yes/no answer in the visitor's
  // language inside an e-service's English options)
  const own = (text: string, node: Element | null = el): Part => ({
    text,
    language: ARABIC_SCRIPT.test(text) ? 'ar' : languageOf(node, ui),
  });
  const says = (text: string): Part => ({ text, language: ui, tight: true });
  if (!isControl(el)) {
    if (el.tagName === 'DT') {
      const dd = el.nextElementSibling?.matches('dd') ? el.nextElementSibling : null;
      return [own(clean(el.textContent)), ...(dd ? [own(clean(dd.textContent), dd)] : [])];
    }
    if (role === 'image') return [own(computeAccessibleName(el)), says(t('speech.role.image'))];
    const text = clean(el.textContent);
    return role === 'heading' && el.tagName !== 'H1' ? [own(text), says(t('speech.role.heading'))] : [own(text)];
  }
  const parts: Part[] = [];
  const group = groupOf(el);
  if (group && enteringGroup) {
    const legend = group.querySelector('legend');
    parts.push(own(clean(legend ? computeAccessibleName(group) || legend.textContent : ''), legend));
    const description = clean(computeAccessibleDescription(group));
    if (description) parts.push(own(description, group));
  }
  const nameSource = el.matches('input, select, textarea') ? ((el as HTMLInputElement).labels?.[0] ?? el) : el;
  const name = clean(computeAccessibleName(el));
  parts.push(own(name, nameSource.querySelector('[lang]') ?? nameSource));
  const words: string[] = [];
  if (role) words.push(t(`speech.role.${role}`));
  const input = el as HTMLInputElement;
  if (role === 'radio') words.push(t(input.checked ? 'speech.state.selected' : 'speech.state.notSelected'));
  if (role === 'checkbox') words.push(t(input.checked ? 'speech.state.checked' : 'speech.state.notChecked'));
  if (group) {
    const all = [...group.querySelectorAll(`input[type=${input.type}]`)];
    words.push(t('speech.position', { n: all.indexOf(el) + 1, total: all.length }));
  }
  if (el.getAttribute('aria-required') === 'true' || input.required) words.push(t('speech.state.required'));
  if (el.hasAttribute('readonly')) words.push(t('speech.state.readonly'));
  if ((el as HTMLButtonElement).disabled) words.push(t('speech.state.disabled'));
  parts.push(says(words.join(', ')));
  if (role === 'textbox' || role === 'select') {
    const value = role === 'select' ? clean((el as HTMLSelectElement).selectedOptions[0]?.textContent) : input.value;
    if (role === 'select' || value.trim() !== '') parts.push(says(t('speech.state.value', { value })));
    else parts.push(says(t('speech.state.empty')));
  }
  if (el.getAttribute('aria-invalid') === 'true') parts.push(says(t('speech.state.invalid')));
  const description = group ? '' : clean(computeAccessibleDescription(el));
  if (description) parts.push(own(description));
  return parts.filter((p) => p.text !== '');
}

/**
 * On arrival on a screen: its heading, then what it says before its first control (the instruction,
 * the step, the QR's instruction and BankID's message).
 */
export function describeScreen(
  doc: Document,
  t: Translate,
  ui: Language,
): { parts: Part[]; lastRead: HTMLElement | null } {
  const all = stops(doc);
  const h1 = all.findIndex((el) => el.matches('h1'));
  const parts: Part[] = [];
  let lastRead: HTMLElement | null = null;
  const main = doc.querySelector('main');
  // the heading first, then what stands above it on the screen (the step: "Steg 1 av 3") ...
  const above = h1 > 0 ? all.slice(0, h1).filter((el) => main?.contains(el) && !isControl(el)) : [];
  const from = Math.max(0, h1);
  if (all[from]) parts.push(...describeStop(all[from], t, ui, false));
  for (const el of above) parts.push(...describeStop(el, t, ui, false));
  // ... and what it says before its first control
  for (const el of all.slice(from)) {
    if (isControl(el)) break;
    if (el !== all[from]) parts.push(...describeStop(el, t, ui, false));
    lastRead = el;
  }
  const qr = doc.querySelector('.qr-instruction');
  if (qr && isShown(qr) && !parts.some((p) => p.text === clean(qr.textContent)))
    parts.push({ text: clean(qr.textContent), language: languageOf(qr, ui) });
  return { parts, lastRead };
}

/** The text of a region that announces what appears in it (an error, a status, time left). */
export function announcedText(el: Element, ui: Language): Part | null {
  if (!isShown(el) && !el.matches('[aria-live]')) return null;
  const text = clean(el.textContent);
  return text ? { text, language: languageOf(el, ui) } : null;
}
