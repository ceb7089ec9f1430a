import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { KioskInfo, Language } from '../../../contract';
import { applyLanguage } from '../i18n';
import { hasKiosk, kiosk } from '../kiosk-api';

/** What the kiosk is (from config) and the visitor's chosen language. Survives visit resets by design:
 *  `language` is put back to the default by the reset itself. */
export const useKioskStore = defineStore('kiosk', () => {
  const info = ref<KioskInfo | null>(null);
  /**
   * Why the kiosk cannot serve now: no bridge at all, core unreachable at start, the connection to
   * core lost (the transport reconnects by itself), or another window took the kiosk over.
   */
  const failure = ref<'no_bridge' | 'unavailable' | 'connection_lost' | 'superseded' | null>(null);
  let following = false;
  const language = ref<Language>('sv');

  const outOfOrder = computed(() => info.value?.state === 'out_of_order');

  async function load(): Promise<void> {
    if (!hasKiosk()) {
      failure.value = 'no_bridge';
      return;
    }
    const res = await kiosk().app.info({});
    if (!res.ok) {
      failure.value = 'unavailable';
      return;
    }
    failure.value = null;
    info.value = res.value;
    setLanguage(res.value.defaultLanguage);
    if (following) return;
    following = true;
    kiosk().on('app.state', (s) => {
      if (!info.value) return;
      // the notice is absent when staff did not switch the kiosk off: drop the one shown before
      const { outOfOrderNotice: _shown, ...rest } = info.value;
      info.value = { ...rest, ...s };
    });
  }

  function setLanguage(lang: Language): void {
    language.value = lang;
    applyLanguage(lang);
  }

  return { info, failure, language, outOfOrder, load, setLanguage };
});
