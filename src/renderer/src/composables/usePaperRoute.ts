import { computed } from 'vue';
import type { PaperRouteReason } from '../../../contract/namespaces/identity';
import { kiosk } from '../kiosk-api';
import { useIdentityStore } from '../stores/identity';
import { useJourneyStore } from '../stores/journey';
import { useNavigationStore, type ScreenName } from '../stores/navigation';
import { usePaperStore } from '../stores/paper';
import { paperFlow } from './paper-flow';

/** Screens of BankID: once on the paper route, "Tillbaka" never leads to them again. */
const BANKID_SCREENS: ReadonlySet<ScreenName> = new Set(['login', 'sign', 'paperRoute']);

/**
 * The one entry to the paper route (blankett). Every way to it comes through `open`: "Jag har skyddad
 * identitet" (catalogue, flow intro, sign-in), "Jag har inte BankID", BankID that cannot be used, and a
 * login the register reports as protected (core has already switched the visit over then).
 *
 * On entry the renderer forgets whoever was signed in and everything the register gave, core is told
 * (`paper.start`: cancels any BankID order and forgets the person), and an open e-service continues
 * as its paper variant (a child typed by hand instead of chosen from the register).
 */
export function usePaperRoute() {
  const nav = useNavigationStore();
  const paper = usePaperStore();
  const identity = useIdentityStore();
  const journey = useJourneyStore();

  const active = computed(() => paper.active);

  /** Switches core's visit to the paper route; the explanation screen waits for it. */
  async function startInCore(): Promise<void> {
    const reason = paper.reason;
    if (reason === null) return;
    if (reason === 'register_protected') {
      paper.coreState = 'started';
      return;
    }
    paper.coreState = 'starting';
    let ok: boolean;
    try {
      ok = (await kiosk().paper.start({ reason })).ok;
    } catch {
      ok = false;
    }
    // the visit may have been reset meanwhile: then there is nothing to update
    if (paper.reason === reason) paper.coreState = ok ? 'started' : 'failed';
  }

  function open(why: PaperRouteReason): void {
    // a protected login wins over any earlier reason: core has switched the visit already
    if (!paper.active || why === 'register_protected') paper.reason = why;
    identity.forget();
    journey.forgetPerson();
    if (journey.flow) journey.flow = paperFlow(journey.flow);
    // after a protected login there is no way back into the sign-in
    if (why === 'register_protected') nav.replace('paperRoute');
    else nav.go('paperRoute');
    if (paper.coreState !== 'started') void startInCore();
  }

  /** "Tillbaka" on the paper route's first screen: where the visitor was, but never BankID again. */
  function back(): void {
    nav.backPast(BANKID_SCREENS);
  }

  return { active, open, back, startInCore };
}
