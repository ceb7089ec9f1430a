/**
 * Which component draws each screen. Only the start screen is in the first bundle; every other screen
 * (with the flow engine, zod and the QR code library behind it) is its own chunk, loaded in the
 * background right after the start screen is up (`preloadScreens`), so the kiosk is interactive sooner
 * and no visitor ever waits for one. `loadedScreen` is reactive: the shell shows a screen once its
 * component is here, and only then moves focus to its heading.
 */
import { shallowReactive, type Component } from 'vue';
import type { ScreenName } from '../stores/navigation';
import { todayInSweden } from '../../../contract/flows/dates';
import StartScreen from './StartScreen.vue';

type Loader = () => Promise<{ default: Component }>;
/** The screens, and staff mode, which takes the whole of the main area in the same way. */
export type ScreenPart = ScreenName | 'staffMode';

const loaders: Record<Exclude<ScreenPart, 'start'>, Loader> = {
  catalogue: () => import('./CatalogueScreen.vue'),
  intro: () => import('./FlowIntroScreen.vue'),
  login: () => import('./LoginScreen.vue'),
  step: () => import('./StepScreen.vue'),
  attachment: () => import('./AttachmentScreen.vue'),
  review: () => import('./ReviewScreen.vue'),
  sign: () => import('./SignScreen.vue'),
  receipt: () => import('./ReceiptScreen.vue'),
  help: () => import('./HelpScreen.vue'),
  paperRoute: () => import('./PaperRouteScreen.vue'),
  paperPrint: () => import('./PaperPrintScreen.vue'),
  paperDone: () => import('./PaperDoneScreen.vue'),
  accessibility: () => import('./AccessibilityStatementScreen.vue'),
  eidTest: () => import('./EidTestScreen.vue'),
  staffMode: () => import('../staff/StaffMode.vue'),
};

const loaded = shallowReactive(new Map<ScreenPart, Component>([['start', StartScreen]]));
const loading = new Map<ScreenPart, Promise<Component>>();

/** The screen's component if it is loaded (reactive), else undefined. */
export function loadedScreen(name: ScreenPart): Component | undefined {
  return loaded.get(name);
}

/** Loads a screen's chunk; a failed load may be tried again. */
export function loadScreen(name: ScreenPart): Promise<Component> {
  const ready = loaded.get(name);
  if (ready) return Promise.resolve(ready);
  let pending = loading.get(name);
  if (!pending) {
    pending = loaders[name as Exclude<ScreenPart, 'start'>]()
      .then((m) => {
        loaded.set(name, m.default);
        return m.default;
      })
      .finally(() => loading.delete(name));
    loading.set(name, pending);
  }
  return pending;
}

/**
 * Every screen, one after another, so the start screen's own work is never slowed down; then the time
 * zone rules the flow engine reads on its first validation (the first Intl formatter for
 * Europe/Stockholm costs ~30 ms, 100 ms and more on a kiosk-class CPU: it would land on the tap that
 * opens an e-service's first step).
 */
export async function preloadScreens(): Promise<void> {
  for (const name of Object.keys(loaders) as ScreenPart[]) await loadScreen(name);
  todayInSweden();
}
