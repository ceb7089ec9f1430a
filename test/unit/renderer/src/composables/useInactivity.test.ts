// @vitest-environment happy-dom
/**
 * A visitor who walks away: after the idle time the warning opens with a countdown, any answer to it
 * starts over, and at zero the visit is reset. Fake timers drive the clock; nothing here measures time.
 */
import { mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, nextTick, ref, type Ref } from 'vue';
import { useInactivity } from '../../../../../src/renderer/src/composables/useInactivity';

interface Harness {
  inactivity: ReturnType<typeof useInactivity>;
  active: Ref<boolean>;
  timeouts: number;
  touches: number[];
  wrapper: VueWrapper;
}

function watchVisitor(idleSeconds = 90, warningSeconds = 30): Harness {
  const h = { active: ref(true), timeouts: 0, touches: [] as number[] } as Harness;
  h.wrapper = mount(
    defineComponent({
      setup() {
        h.inactivity = useInactivity({
          idleSeconds: () => idleSeconds,
          warningSeconds: () => warningSeconds,
          active: h.active,
          onTimeout: () => (h.timeouts += 1),
          onActivity: (extra) => h.touches.push(extra),
        });
        return () => null;
      },
    }),
  );
  return h;
}

describe('inactivity', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('warns after the idle time, counts down, then resets the visit once', () => {
    const h = watchVisitor(90, 30);
    vi.advanceTimersByTime(89_000);
    expect(h.inactivity.warning.value).toBe(false);
    vi.advanceTimersByTime(1_000);
    expect(h.inactivity.warning.value).toBe(true);
    expect(h.inactivity.secondsLeft.value).toBe(30);
    vi.advanceTimersByTime(10_000);
    expect(h.inactivity.secondsLeft.value).toBe(20);
    expect(h.timeouts).toBe(0);
    vi.advanceTimersByTime(20_000);
    expect(h.timeouts).toBe(1);
    expect(h.inactivity.warning.value).toBe(false);
    vi.advanceTimersByTime(600_000);
    expect(h.timeouts).toBe(1);
  });

  it('a touch before the warning starts the idle time over', () => {
    const h = watchVisitor(90, 30);
    vi.advanceTimersByTime(80_000);
    window.dispatchEvent(new Event('pointerdown'));
    vi.advanceTimersByTime(80_000);
    expect(h.inactivity.warning.value).toBe(false);
    vi.advanceTimersByTime(10_000);
    expect(h.inactivity.warning.value).toBe(true);
  });

  it('while the warning is open only its buttons count: a stray touch does not close it', () => {
    const h = watchVisitor(90, 30);
    vi.advanceTimersByTime(90_000);
    window.dispatchEvent(new Event('pointerdown'));
    expect(h.inactivity.warning.value).toBe(true);
    vi.advanceTimersByTime(30_000);
    expect(h.timeouts).toBe(1);
  });

  it('"Jag är kvar" closes the warning and gives the whole idle time again', () => {
    const h = watchVisitor(90, 30);
    vi.advanceTimersByTime(100_000);
    h.inactivity.stay();
    expect(h.inactivity.warning.value).toBe(false);
    vi.advanceTimersByTime(89_000);
    expect(h.inactivity.warning.value).toBe(false);
    expect(h.timeouts).toBe(0);
  });

  it('"More time" adds the chosen seconds once, and tells core about them', () => {
    const h = watchVisitor(90, 30);
    vi.advanceTimersByTime(90_000);
    h.inactivity.extend(120);
    expect(h.touches.at(-1)).toBe(120);
    vi.advanceTimersByTime(209_000);
    expect(h.inactivity.warning.value).toBe(false);
    vi.advanceTimersByTime(1_000);
    expect(h.inactivity.warning.value).toBe(true);
  });

  it('counts nothing while no visit is under way, and starts when one is', async () => {
    const h = watchVisitor(90, 30);
    h.active.value = false;
    await nextTick();
    vi.advanceTimersByTime(600_000);
    expect(h.inactivity.warning.value).toBe(false);
    h.active.value = true;
    await nextTick();
    vi.advanceTimersByTime(90_000);
    expect(h.inactivity.warning.value).toBe(true);
  });

  it('stops when the shell is gone (no reset from a dead screen)', () => {
    const h = watchVisitor(90, 30);
    h.wrapper.unmount();
    vi.advanceTimersByTime(600_000);
    expect(h.timeouts).toBe(0);
  });
});
