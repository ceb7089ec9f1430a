import type { PaperRouteReason } from '../../../contract/namespaces/identity';
import { useNavigationStore } from '../stores/navigation';

/**
 * The one entry to the paper route (blankett). Every link to it ("Jag har skyddad identitet",
 * "Jag har inte BankID", a protected person found at login, BankID unusable) comes through here, so the
 * printed blankett can replace today's "ask at the reception" screen in one place.
 */
export function usePaperRoute() {
  const nav = useNavigationStore();

  function open(why: PaperRouteReason): void {
    nav.paperRouteReason = why;
    // after a protected login there is no way back into the e-service
    if (why === 'register_protected') nav.replace('paperRoute');
    else nav.go('paperRoute');
  }

  return { open };
}
