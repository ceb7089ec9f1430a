// @vitest-environment happy-dom
/**
 * "A visit is under way" (the inactivity timer runs; the PIN pad resets first) as soon as the visitor
 * has done anything the reset would undo, and never on the untouched start screen.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { resetLocalState } from '../../../../../src/renderer/src/composables/useVisitReset';
import { useVisitUnderWay } from '../../../../../src/renderer/src/composables/useVisitUnderWay';
import { useDisplayStore } from '../../../../../src/renderer/src/stores/display';
import { useSpeechStore } from '../../../../../src/renderer/src/stores/speech';
import { useIdentityStore } from '../../../../../src/renderer/src/stores/identity';
import { useKioskStore } from '../../../../../src/renderer/src/stores/kiosk';
import { useNavigationStore } from '../../../../../src/renderer/src/stores/navigation';
import { usePaperStore } from '../../../../../src/renderer/src/stores/paper';
import { kioskInfo } from '../../kiosk-info';
import { freshPinia } from '../../support';

describe('a visit under way', () => {
  beforeEach(() => {
    freshPinia();
    const kiosk = useKioskStore();
    kiosk.info = kioskInfo();
    kiosk.setLanguage('sv');
  });

  it('is not under way on the untouched start screen', () => {
    expect(useVisitUnderWay().value).toBe(false);
  });

  const moves: Array<[string, () => void]> = [
    ['left the start screen', () => useNavigationStore().go('catalogue')],
    ['opened help', () => useNavigationStore().go('help')],
    ['chose English', () => useKioskStore().setLanguage('en')],
    ['signed in', () => useIdentityStore().signIn('Anna')],
    ['took the paper route', () => (usePaperStore().reason = 'protected_identity')],
    ['made the text larger', () => useDisplayStore().setTextSize(150)],
    ['turned on high contrast', () => useDisplayStore().toggleHighContrast()],
    ['opened the display settings', () => useDisplayStore().openSheet()],
    ['turned speech on', () => useSpeechStore().turnOn(175)],
  ];
  for (const [what, move] of moves) {
    it(`is under way once the visitor ${what}, and not after the reset`, () => {
      const underWay = useVisitUnderWay();
      move();
      expect(underWay.value).toBe(true);
      resetLocalState();
      expect(underWay.value).toBe(false);
    });
  }

  it('the kiosk default language is no visit, whichever it is', () => {
    const kiosk = useKioskStore();
    kiosk.info = kioskInfo({ defaultLanguage: 'en' });
    kiosk.setLanguage('en');
    expect(useVisitUnderWay().value).toBe(false);
  });
});
