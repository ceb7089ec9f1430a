import { onBeforeUnmount, onMounted, ref, watch, type Ref } from 'vue';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart'] as const;

export interface InactivityOptions {
  /** Seconds without activity before the warning. */
  idleSeconds: () => number;
  /** Seconds the visitor has to answer the warning (at least 20, WCAG 2.2.1). */
  warningSeconds: () => number;
  /** Only counts while true (e.g. not on an untouched start screen). */
  active: Ref<boolean>;
  onTimeout: () => void;
  /** The visitor did something (or asked for `extraSeconds` more): core's own deadline starts over too. */
  onActivity?: (extraSeconds: number) => void;
}

/**
 * Watches for a visitor who has walked away. After `idleSeconds` without a touch or key the warning
 * opens with a countdown; "Jag är kvar" (or any extension) starts over; at zero `onTimeout` runs.
 */
export function useInactivity(opts: InactivityOptions) {
  const warning = ref(false);
  const secondsLeft = ref(0);
  let idleTimer: ReturnType<typeof setTimeout> | null = null;
  let countdown: ReturnType<typeof setInterval> | null = null;
  let extraSeconds = 0;

  function clear(): void {
    if (idleTimer) clearTimeout(idleTimer);
    if (countdown) clearInterval(countdown);
    idleTimer = null;
    countdown = null;
  }

  function arm(): void {
    clear();
    warning.value = false;
    if (!opts.active.value) return;
    opts.onActivity?.(extraSeconds);
    const idle = opts.idleSeconds() + extraSeconds;
    idleTimer = setTimeout(openWarning, idle * 1000);
  }

  function openWarning(): void {
    extraSeconds = 0;
    warning.value = true;
    secondsLeft.value = opts.warningSeconds();
    countdown = setInterval(() => {
      secondsLeft.value -= 1;
      if (secondsLeft.value <= 0) {
        clear();
        warning.value = false;
        opts.onTimeout();
      }
    }, 1000);
  }

  /** The visitor touched something: while the warning is open only its buttons count. */
  function activity(): void {
    if (!warning.value) arm();
  }

  function stay(): void {
    extraSeconds = 0;
    arm();
  }

  function extend(seconds: number): void {
    extraSeconds = seconds;
    arm();
  }

  onMounted(() => {
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, activity, { capture: true, passive: true });
    arm();
  });
  onBeforeUnmount(() => {
    for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, activity, { capture: true });
    clear();
  });
  watch(opts.active, () => arm());

  return { warning, secondsLeft, stay, extend };
}
