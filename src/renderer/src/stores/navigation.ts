import { defineStore } from 'pinia';
import { ref } from 'vue';

export type ScreenName =
  | 'start'
  | 'catalogue'
  | 'intro'
  | 'login'
  | 'step'
  | 'attachment'
  | 'review'
  | 'sign'
  | 'receipt'
  | 'help'
  | 'paperRoute'
  | 'paperPrint'
  | 'paperDone'
  | 'accessibility'
  | 'eidTest';

/** How far back "Tillbaka" on a help or paper-route screen can reach; older entries are dropped. */
const MAX_HISTORY = 40;

/**
 * Which screen the visitor is on, and the one owner of every screen change: nothing else sets the
 * screen or touches the history. The kiosk has no URLs: screens are state, reset with the visit.
 * Around it: screens/screen-registry.ts says which (lazily loaded) component draws each screen, and
 * composables/useJourney.ts decides which screen follows which in an e-service; App.vue shows the
 * screen and, on every `revision`, sets the title and puts focus on the new heading.
 * `revision` changes on every move (also from one step to the next, where the screen stays `step`),
 * so the shell can put focus on the new heading and remount the screen.
 */
export const useNavigationStore = defineStore('navigation', () => {
  const screen = ref<ScreenName>('start');
  const history = ref<ScreenName[]>([]);
  const revision = ref(0);

  function go(next: ScreenName): void {
    history.value.push(screen.value);
    if (history.value.length > MAX_HISTORY) history.value.splice(0, history.value.length - MAX_HISTORY);
    screen.value = next;
    revision.value += 1;
  }

  function back(): void {
    screen.value = history.value.pop() ?? 'start';
    revision.value += 1;
  }

  /** Moves without leaving a way back to the current screen (e.g. from sign-in on to the first step). */
  function replace(next: ScreenName): void {
    screen.value = next;
    revision.value += 1;
  }

  /** Starts over from a screen with no history (e.g. after logging out). */
  function restart(next: ScreenName): void {
    history.value = next === 'start' ? [] : ['start'];
    screen.value = next;
    revision.value += 1;
  }

  /** Back to the latest screen that is not one of `skip` (e.g. never into BankID from the paper route). */
  function backPast(skip: ReadonlySet<ScreenName>): void {
    while (history.value.length > 0 && skip.has(history.value[history.value.length - 1] as ScreenName))
      history.value.pop();
    back();
  }

  return { screen, history, revision, go, back, replace, restart, backPast };
});
