import { describe, expect, it } from 'vitest';
import { controlCharactersToSpace } from '../../../src/contract/control-characters';
import { errorMessage } from '../../../src/contract/errors';

describe('one line of text', () => {
  it('turns every run of C0, DEL, C1 and line/paragraph separators into one space', () => {
    expect(controlCharactersToSpace('a\r\nb\u0000\u0007c\u007fd\u0085e\u2028f\u2029g')).toBe('a b c d e f g');
    expect(controlCharactersToSpace('fine text, åäö')).toBe('fine text, åäö');
  });
});

describe('errorMessage', () => {
  it('is the message of an Error, the value itself otherwise', () => {
    expect(errorMessage(new TypeError('boom'))).toBe('boom');
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(null)).toBe('null');
  });
});
