import { defineStore } from 'pinia';
import { ref } from 'vue';

export type ScreenName = 'start' | 'catalogue';

/** Which screen the visitor is on. The kiosk has no URLs: screens are state, reset with the visit. */
export const useNavigationStore = defineStore('navigation', () => {
  const screen = ref<ScreenName>('start');
  const history = ref<ScreenName[]>([]);

  function go(next: ScreenName): void {
    history.value.push(screen.value);
    screen.value = next;
  }

  function back(): void {
    screen.value = history.value.pop() ?? 'start';
  }

  return { screen, history, go, back };
});
