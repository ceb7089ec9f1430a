import { reactive, readonly } from 'vue';
import type { KioskError, Result, StaffEnterResult } from '../../../contract';
import { resetLocalState, resetVisit } from '../composables/useVisitReset';
import { useVisitUnderWay } from '../composables/useVisitUnderWay';
import { hasKiosk, kiosk } from '../kiosk-api';

/**
 * Staff mode as the renderer sees it: closed, the PIN pad, or the panel.
 *
 * Kept outside Pinia on purpose: the visit reset puts every store back to its first state, and staff
 * mode is not part of a visit (core's staff session outlives visit resets too). Nothing here holds a
 * visitor's data, and the PIN is never kept: it goes from the PIN pad straight into `staff.enter`.
 *
 * Rules:
 *  - Opening the PIN pad ends a visit that is under way (useVisitUnderWay; `session.reset` with reason `staff`), so
 *    staff mode can never be reached from the middle of a visitor's visit.
 *  - Leaving staff mode (or core ending it after inactivity) brings the kiosk back to the start screen
 *    (the out-of-order screen when it is out of order) without resetting the visit in core again: an
 *    "assisted visit" marked in the panel stays for the next case.
 */
export type StaffPhase = 'closed' | 'pin' | 'panel';

interface StaffModeState {
  phase: StaffPhase;
  staffId: string | null;
  timeoutSeconds: number;
}

const state = reactive<StaffModeState>({ phase: 'closed', staffId: null, timeoutSeconds: 0 });

/** Touches sent to core at most this often (core's timeout is at least 30 s). */
const TOUCH_INTERVAL_MS = 5_000;
/** The watchdog asks core a little after its timeout falls due (or again soon when it could not ask). */
const WATCHDOG_SLACK_MS = 1_500;
const WATCHDOG_RETRY_MS = 5_000;
let lastTouch = 0;
let watchdog: ReturnType<typeof setTimeout> | null = null;
let opening: Promise<void> | null = null;
let initialised = false;

export const staffMode = readonly(state);

/** The hidden gesture (or Ctrl+Alt+S) was made: end a visit under way, then show the PIN pad. */
export function openStaffEntry(): Promise<void> {
  if (state.phase !== 'closed') return Promise.resolve();
  if (opening) return opening;
  const endVisit = useVisitUnderWay().value ? resetVisit('staff') : Promise.resolve().then(resetLocalState);
  const current = endVisit.then(() => {
    state.phase = 'pin';
  });
  opening = current;
  const settled = (): void => {
    if (opening === current) opening = null;
  };
  current.then(settled, settled);
  return current;
}

/** "Avbryt" on the PIN pad (or it was left alone): back to the start screen. */
export function closePinPad(): void {
  if (state.phase === 'pin') state.phase = 'closed';
}

/** Checks a PIN with core; on success the panel opens. The PIN is not kept anywhere. */
export async function submitPin(pin: string): Promise<Result<StaffEnterResult>> {
  const res = await kiosk().staff.enter({ pin });
  if (res.ok && res.value.ok) {
    if (state.phase !== 'pin') {
      // the pad closed (left alone) while the PIN was checked: no panel, so no staff session either
      await kiosk().staff.leave({});
      return res;
    }
    state.staffId = res.value.staffId;
    state.timeoutSeconds = res.value.timeoutSeconds;
    state.phase = 'panel';
    noteActivity();
  }
  return res;
}

/** Staff mode is over (left, timed out, or core says it is no longer active). */
function close(): void {
  if (state.phase === 'closed') return;
  state.phase = 'closed';
  state.staffId = null;
  state.timeoutSeconds = 0;
  if (watchdog) clearTimeout(watchdog);
  watchdog = null;
  // the renderer's own state only: the visit in core (an assisted marker) is kept for the next case
  resetLocalState();
}

/**
 * The renderer's session with core is over (connection lost, another window took over): core ended
 * staff mode with it, so the panel closes here too, without asking core.
 */
export function dropStaffMode(): void {
  closePinPad();
  close();
}

/** Core counted activity just now: its timeout starts over, and so does the watchdog below. */
function noteActivity(): void {
  lastTouch = Date.now();
  armWatchdog(state.timeoutSeconds * 1000 + WATCHDOG_SLACK_MS);
}

/**
 * Core announces the end of staff mode with `staff.ended`; should that event be missed (the
 * connection dropped for a moment), the panel still never outlives core's session: when core's
 * timeout is due, the renderer asks (`staff.status` counts as no activity) and closes if it is over.
 */
function armWatchdog(ms: number): void {
  if (watchdog) clearTimeout(watchdog);
  watchdog = setTimeout(() => void checkStillActive(), ms);
}

async function checkStillActive(): Promise<void> {
  watchdog = null;
  if (state.phase !== 'panel') return;
  const res = await kiosk().staff.status({});
  if (state.phase !== 'panel' || watchdog) return;
  if (!res.ok) return armWatchdog(WATCHDOG_RETRY_MS);
  const s = res.value;
  if (!s.active || s.staffId !== state.staffId) return close();
  armWatchdog((s.secondsLeft ?? state.timeoutSeconds) * 1000 + WATCHDOG_SLACK_MS);
}

/** "Lämna personalläge". */
export async function leaveStaffMode(): Promise<void> {
  if (state.phase !== 'panel') {
    closePinPad();
    return;
  }
  try {
    await kiosk().staff.leave({});
  } finally {
    close();
  }
}

function isInactive(error: KioskError): boolean {
  return error.code === 'forbidden' && error.reason === 'staff_mode_inactive';
}

/**
 * Runs a staff call from the panel. When core answers that staff mode is no longer active (it timed
 * out meanwhile), the panel closes.
 */
export async function staffCall<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  const res = await call();
  if (res.ok) noteActivity();
  else if (isInactive(res.error)) close();
  return res;
}

/** A touch or key on the panel: tells core that staff are still here (throttled). */
export function touchStaffMode(): void {
  if (state.phase !== 'panel') return;
  const now = Date.now();
  if (now - lastTouch < TOUCH_INTERVAL_MS) return;
  noteActivity();
  void kiosk()
    .staff.touch({})
    .then((res) => {
      if (!res.ok && isInactive(res.error)) close();
    });
}

/**
 * Once per renderer: follow core's `staff.ended`, and end a staff session that outlived a renderer
 * restart (the panel is never shown again without the PIN).
 */
export async function initStaffMode(): Promise<void> {
  if (initialised || !hasKiosk()) return;
  initialised = true;
  kiosk().on('staff.ended', () => close());
  const status = await kiosk().staff.status({});
  if (status.ok && status.value.active && state.phase !== 'panel') await kiosk().staff.leave({});
}
