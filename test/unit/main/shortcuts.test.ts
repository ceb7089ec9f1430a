import { describe, expect, it } from 'vitest';
import { isSwallowedShortcut, type KeyInput } from '../../../src/main/shortcuts';

const key = (k: string, mods: Partial<Omit<KeyInput, 'key' | 'type'>> = {}, type = 'keyDown'): KeyInput => ({
  type,
  key: k,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...mods,
});

describe('kiosk shortcuts', () => {
  it.each([
    ['F5 (reload)', key('F5')],
    ['Shift+F5', key('F5', { shift: true })],
    ['Ctrl+R', key('r', { control: true })],
    ['Cmd+R', key('r', { meta: true })],
    ['Ctrl+Shift+R (hard reload)', key('R', { control: true, shift: true })],
    ['Ctrl+F5', key('F5', { control: true })],
    ['F12 (devtools)', key('F12')],
    ['Ctrl+Shift+I', key('I', { control: true, shift: true })],
    ['Ctrl+Shift+J', key('J', { control: true, shift: true })],
    ['Ctrl+Shift+C', key('C', { control: true, shift: true })],
    ['Cmd+Alt+I', key('i', { meta: true, alt: true })],
    ['Ctrl++ (zoom in)', key('+', { control: true })],
    ['Ctrl+= (zoom in, US layout)', key('=', { control: true })],
    ['Ctrl+Shift++ (zoom in)', key('+', { control: true, shift: true })],
    ['Ctrl+- (zoom out)', key('-', { control: true })],
    ['Ctrl+0 (reset zoom)', key('0', { control: true })],
    ['Ctrl+numpad +', { ...key('+', { control: true }), code: 'NumpadAdd' }],
    ['Ctrl+numpad - by code', { ...key('Subtract', { control: true }), code: 'NumpadSubtract' }],
    ['Ctrl+P (print)', key('p', { control: true })],
    ['Cmd+P (print)', key('p', { meta: true })],
    ['Alt+Left (back)', key('ArrowLeft', { alt: true })],
    ['Alt+Right (forward)', key('ArrowRight', { alt: true })],
    ['BrowserBack key', key('BrowserBack')],
    ['BrowserForward key', key('BrowserForward')],
    ['BrowserRefresh key', key('BrowserRefresh')],
    ['Cmd+[ (back)', key('[', { meta: true })],
    ['key up of F5 too', key('F5', {}, 'keyUp')],
  ])('swallows %s', (_name, input) => {
    expect(isSwallowedShortcut(input)).toBe(true);
  });

  it.each([
    ['a letter', key('a')],
    ['R without modifier', key('r')],
    ['P with Shift (capital P)', key('P', { shift: true })],
    ['Enter', key('Enter')],
    ['Tab', key('Tab')],
    ['Backspace', key('Backspace')],
    ['arrow keys in a field', key('ArrowLeft')],
    ['Shift+arrow (select text)', key('ArrowRight', { shift: true })],
    ['Ctrl+C (copy)', key('c', { control: true })],
    ['Ctrl+V (paste)', key('v', { control: true })],
    ['Ctrl+A (select all)', key('a', { control: true })],
    ['AltGr+2 = @ on a Swedish keyboard', key('@', { control: true, alt: true })],
    ['AltGr+0 = } on a Swedish keyboard', key('}', { control: true, alt: true })],
    ['AltGr+= (zoom key position) on a Swedish keyboard', key('\\', { control: true, alt: true })],
    ['digits', key('0')],
    ['+ typed in a phone number', key('+', { shift: true })],
    ['mouse-like char events', key('r', { control: true }, 'char')],
  ])('lets %s through', (_name, input) => {
    expect(isSwallowedShortcut(input)).toBe(false);
  });
});
