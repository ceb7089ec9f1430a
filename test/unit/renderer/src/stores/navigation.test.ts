// @vitest-environment happy-dom
/** "Tillbaka" leads where the visitor came from, and every move is a new screen for the shell. */
import { beforeEach, describe, expect, it } from 'vitest';
import { useNavigationStore } from '../../../../../src/renderer/src/stores/navigation';
import { freshPinia } from '../../support';

describe('the navigation store', () => {
  beforeEach(() => freshPinia());

  it('starts on the start screen with no way back', () => {
    const nav = useNavigationStore();
    expect(nav.screen).toBe('start');
    expect(nav.history).toEqual([]);
  });

  it('back retraces the screens in reverse order, ending on the start screen', () => {
    const nav = useNavigationStore();
    nav.go('catalogue');
    nav.go('intro');
    nav.go('help');
    nav.back();
    expect(nav.screen).toBe('intro');
    nav.back();
    expect(nav.screen).toBe('catalogue');
    nav.back();
    expect(nav.screen).toBe('start');
    nav.back();
    expect(nav.screen).toBe('start');
  });

  it('every move is announced as a new screen, also to the same screen (the next step)', () => {
    const nav = useNavigationStore();
    const seen: number[] = [nav.revision];
    nav.go('step');
    seen.push(nav.revision);
    nav.go('step');
    seen.push(nav.revision);
    nav.back();
    seen.push(nav.revision);
    expect(new Set(seen).size).toBe(4);
  });

  it('replace leaves no way back to the screen replaced', () => {
    const nav = useNavigationStore();
    nav.go('catalogue');
    nav.go('login');
    nav.replace('step');
    nav.back();
    expect(nav.screen).toBe('catalogue');
  });

  it('restart keeps only the way back to the start screen', () => {
    const nav = useNavigationStore();
    nav.go('catalogue');
    nav.go('intro');
    nav.go('step');
    nav.restart('catalogue');
    expect(nav.screen).toBe('catalogue');
    nav.back();
    expect(nav.screen).toBe('start');
    nav.restart('start');
    expect(nav.history).toEqual([]);
  });

  it('backPast skips the screens named (e.g. BankID after the paper route was chosen)', () => {
    const nav = useNavigationStore();
    nav.go('catalogue');
    nav.go('intro');
    nav.go('login');
    nav.go('paperRoute');
    nav.backPast(new Set(['login', 'sign', 'paperRoute']));
    expect(nav.screen).toBe('intro');
  });

  it('keeps a bounded way back: a long visit still goes back, oldest screens dropped', () => {
    const nav = useNavigationStore();
    for (let i = 0; i < 100; i += 1) nav.go(i % 2 === 0 ? 'help' : 'accessibility');
    expect(nav.history.length).toBe(40);
    nav.back();
    expect(nav.screen).toBe('help');
  });
});
