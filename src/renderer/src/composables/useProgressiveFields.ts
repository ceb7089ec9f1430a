import { computed, nextTick, onBeforeUnmount, onMounted, ref, watch, type Ref } from 'vue';
import type { FieldDefinition } from '../../../contract/flows';

/** A step with more fields than this shows these first, in the frame after the tap. */
export const FIRST_FIELDS = 8;
/**
 * Then as many in each following frame as fit in this much of the main thread's time, judged by the
 * frame before (8 fields take ~8 ms on this machine and ~35 ms at 4× CPU throttling).
 */
const FRAME_BUDGET_MS = 30;
const MIN_PER_FRAME = 4;
const MAX_PER_FRAME = 60;

/** After the next frame is painted (a hidden page paints no frames: then at once). */
function afterPaint(fn: () => void): () => void {
  if (document.visibilityState === 'hidden') {
    const timer = setTimeout(fn, 0);
    return () => clearTimeout(timer);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(fn, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
  };
}

/**
 * A long step's fields, mounted a screenful at a time: the first FIRST_FIELDS in the frame after the
 * tap, then as many as fit in FRAME_BUDGET_MS in each frame after it. Making every field of a 100-field
 * step at once held the screen ~200 ms on a kiosk-class CPU (docs/flows.md, "Long steps"); the visitor
 * sees the top of the step at once and the rest is there before they could scroll to it, and a tap in
 * between is answered between two frames. `all()` mounts the rest at once: Nästa, an error summary and
 * a visit's pending issues need every field. Speech mode gets every field at once (it reads the screen
 * from the DOM), also when it is turned on in the middle of a step.
 */
export function useProgressiveFields(fields: Ref<FieldDefinition[]>, allAtOnce: () => boolean) {
  const limit = ref(allAtOnce() || fields.value.length <= FIRST_FIELDS ? Infinity : FIRST_FIELDS);
  const shown = computed(() =>
    limit.value >= fields.value.length ? fields.value : fields.value.slice(0, limit.value),
  );
  /** Fields are still being added (the form says aria-busy meanwhile). */
  const mounting = computed(() => limit.value < fields.value.length);
  let cancel: (() => void) | null = null;
  let perFrame = FIRST_FIELDS;
  let unmounted = false;

  async function more(): Promise<void> {
    cancel = null;
    if (limit.value === Infinity) return;
    const started = performance.now();
    limit.value += perFrame;
    if (limit.value >= fields.value.length) {
      limit.value = Infinity;
      return;
    }
    await nextTick();
    if (unmounted) return;
    const took = Math.max(1, performance.now() - started);
    perFrame = Math.min(MAX_PER_FRAME, Math.max(MIN_PER_FRAME, Math.round((perFrame * FRAME_BUDGET_MS) / took)));
    if (limit.value !== Infinity) cancel = afterPaint(() => void more());
  }

  async function all(): Promise<void> {
    cancel?.();
    cancel = null;
    if (limit.value === Infinity) return;
    limit.value = Infinity;
    await nextTick();
  }

  onMounted(() => {
    if (limit.value !== Infinity) cancel = afterPaint(() => void more());
  });
  onBeforeUnmount(() => {
    unmounted = true;
    cancel?.();
  });
  watch(allAtOnce, (now) => {
    if (now) void all();
  });

  return { shown, mounting, all };
}
