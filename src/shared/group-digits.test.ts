import { describe, expect, it } from 'vitest';
import { groupDigits } from './group-digits.js';

describe('groupDigits', () => {
  it.each([
    ['0', '0'],
    ['999', '999'],
    ['1000', '1,000'],
    ['200000', '200,000'],
    ['-1234567.5', '-1,234,567.5'],
    ['+1234', '+1,234'],
    ['0.123456789', '0.123456789'],
    ['1234.5678901', '1,234.5678901'],
  ])('%s -> %s (only the integer digits are grouped)', (text, grouped) => {
    expect(groupDigits(text)).toBe(grouped);
  });

  it('leaves text that is not a decimal as it is', () => {
    expect(groupDigits('n/a')).toBe('n/a');
  });
});
