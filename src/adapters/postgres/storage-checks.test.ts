import { describe, expect, it } from 'vitest';
import { checkName, checkText, jsonText } from './storage-checks.js';

describe('storage checks', () => {
  it('count characters as PostgreSQL does (code points), not UTF-16 units', () => {
    const emoji = '🚀'.repeat(128);
    expect(emoji.length, 'each rocket is two UTF-16 units').toBe(256);
    expect(checkName('strategy', 'name', emoji)).toBe(emoji);
    expect(() => checkName('strategy', 'name', `${emoji}x`)).toThrow(/^invalid strategy 'name', was a string of 129 characters starting "🚀/);
    expect(() => checkName('strategy', 'name', '')).toThrow(`invalid strategy 'name', was "": expected 1 to 128 characters without NUL`);
    expect(checkText('order', 'cancelReason', '')).toBe('');
  });

  it('keep messages short for huge values', () => {
    const error = (() => {
      try {
        checkText('order', 'cancelReason', 'z'.repeat(5_000_000));
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(error?.message).toBe(`invalid order 'cancelReason', was a string of 5000000 characters starting "zzzzzzzzzzzzzzzzzzzz": expected at most 4096 characters without NUL`);
  });

  it('write JSON as given, and refuse what JSON.stringify would silently change', () => {
    expect(jsonText('x', 'params', { a: "'; --", b: [1.5, null], c: { '': true } })).toBe(`{"a":"'; --","b":[1.5,null],"c":{"":true}}`);
    expect(() => jsonText('x', 'params', { a: [1, Number.NaN] })).toThrow(`invalid x 'params': expected plain JSON data, found the number NaN at "1"`);
    expect(() => jsonText('x', 'params', { ['k\0']: 1 })).toThrow('found a key with a NUL character');
    expect(() => jsonText('x', 'params', { f: () => 1 })).toThrow('found a function at "f"');
    expect(() => jsonText('x', 'params', undefined)).toThrow(`invalid x 'params', was undefined: expected a JSON value`);
    expect(() => jsonText('x', 'params', { s: 'é'.repeat(600) }, 1_000)).toThrow(`invalid x 'params', was 1208 bytes of JSON: expected at most 1000 bytes`);
  });
});
