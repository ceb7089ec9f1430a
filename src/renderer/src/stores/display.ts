import { defineStore } from 'pinia';
import { ref, watch } from 'vue';

export const TEXT_SIZES = [100, 150, 200] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

/**
 * How this visitor wants the kiosk to look: text size, high contrast, and whether they hid the
 * on-screen keyboard; and whether the display settings (DisplaySheet) are open. Part of the visit: the
 * visit reset puts every value back, and the watcher below puts the <html> element back with it
 * (attributes are applied from state, never set elsewhere).
 */
export const useDisplayStore = defineStore('display', () => {
  const textSize = ref<TextSize>(100);
  const highContrast = ref(false);
  const keyboardHidden = ref(false);
  const sheetOpen = ref(false);

  function setTextSize(size: TextSize): void {
    textSize.value = size;
  }

  function toggleHighContrast(): void {
    highContrast.value = !highContrast.value;
  }

  function setKeyboardHidden(hidden: boolean): void {
    keyboardHidden.value = hidden;
  }

  function openSheet(): void {
    sheetOpen.value = true;
  }

  function closeSheet(): void {
    sheetOpen.value = false;
  }

  watch([textSize, highContrast], ([size, contrast]) => applyToDocument(size, contrast), {
    immediate: true,
    flush: 'sync',
  });

  return {
    textSize,
    highContrast,
    keyboardHidden,
    sheetOpen,
    setTextSize,
    toggleHighContrast,
    setKeyboardHidden,
    openSheet,
    closeSheet,
  };
});

/** The root element carries the settings: `data-text-size` scales every rem, `.high-contrast` the theme. */
function applyToDocument(size: TextSize, contrast: boolean): void {
  if (typeof document === 'undefined') return;
  const root = document.documentElement;
  if (size === 100) root.removeAttribute('data-text-size');
  else root.setAttribute('data-text-size', String(size));
  root.classList.toggle('high-contrast', contrast);
}
