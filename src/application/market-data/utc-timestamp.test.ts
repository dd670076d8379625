import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonthsUtc,
  civilFromDays,
  daysFromCivil,
  formatUtcTimestamp,
  isoTimestamp,
  monthIndexUtc,
  parseTimeOfDay,
  parseUtcDate,
  parseUtcDateTime,
} from './utc-timestamp.js';

const parse = (text: string, order?: 'ymd' | 'dmy' | 'mdy'): number => parseUtcDateTime(text, 0, text.length, order);
const DAY = 86_400_000;

describe('calendar arithmetic', () => {
  it('agrees with Date.UTC on every day from year 1 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: daysFromCivil(1, 1, 1), max: daysFromCivil(9999, 12, 31) }), (days) => {
        const date = new Date(days * DAY);
        const civil = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
        expect(civilFromDays(days)).toEqual(civil);
        expect(daysFromCivil(civil.year, civil.month, civil.day)).toBe(days);
      }),
      { numRuns: 1000 },
    );
  });

  it('moves by calendar months, clamping the day', () => {
    expect(addMonthsUtc(Date.UTC(2024, 0, 31, 12), 1)).toBe(Date.UTC(2024, 1, 29, 12));
    expect(addMonthsUtc(Date.UTC(2023, 0, 31), 1)).toBe(Date.UTC(2023, 1, 28));
    expect(addMonthsUtc(Date.UTC(2024, 10, 15), 3)).toBe(Date.UTC(2025, 1, 15));
    expect(monthIndexUtc(Date.UTC(2012, 0, 31))).toBe(42 * 12);
  });
});

describe('parseUtcDateTime', () => {
  it.each([
    ['2024-01-31', Date.UTC(2024, 0, 31)],
    ['2024-01-31 12:34', Date.UTC(2024, 0, 31, 12, 34)],
    ['2024-01-31 12:34:56', Date.UTC(2024, 0, 31, 12, 34, 56)],
    ['2024-01-31T12:34:56Z', Date.UTC(2024, 0, 31, 12, 34, 56)],
    ['2024-01-31T12:34:56.789Z', Date.UTC(2024, 0, 31, 12, 34, 56, 789)],
    ['2024-01-31T12:34:56.5', Date.UTC(2024, 0, 31, 12, 34, 56, 500)],
    ['2024-01-31T12:34:56.123456789Z', Date.UTC(2024, 0, 31, 12, 34, 56, 123)],
    ['2024-01-31T12:00:00+02:00', Date.UTC(2024, 0, 31, 10)],
    ['2024-01-31T12:00:00-0530', Date.UTC(2024, 0, 31, 17, 30)],
    ['2024-01-31 12:00:00 UTC', Date.UTC(2024, 0, 31, 12)],
    ['2024/01/31', Date.UTC(2024, 0, 31)],
    ['2024.1.5', Date.UTC(2024, 0, 5)],
    ['2024-02-29', Date.UTC(2024, 1, 29)],
  ])('reads %s', (text, expected) => {
    expect(parse(text)).toBe(expected);
  });

  it('reads day-first and month-first dates when told', () => {
    expect(parse('31.01.2024 08:00', 'dmy')).toBe(Date.UTC(2024, 0, 31, 8));
    expect(parse('01/31/2024', 'mdy')).toBe(Date.UTC(2024, 0, 31));
    expect(parse('01/31/2024', 'dmy')).toBeNaN();
  });

  it('agrees with Date.parse on ISO text', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }), (date) => {
        const iso = date.toISOString();
        expect(parse(iso)).toBe(date.getTime());
        expect(parse(iso.replace('T', ' ').replace('Z', ''))).toBe(date.getTime());
      }),
      { numRuns: 2000 },
    );
  });

  it.each(['', '2024', '2024-13-01', '2023-02-29', '2024-01-32', '2024-01-31 24:00', '2024-01-31 12:60', '2024-01-31X12:00', '2024-01-31T12:00:00+25:00', 'abc', '20240131'])(
    'rejects %j',
    (text) => {
      expect(parse(text)).toBeNaN();
    },
  );

  it('reads dates and times alone for files that split them', () => {
    expect(parseUtcDate('2006-01-02', 0, 10)).toBe(Date.UTC(2006, 0, 2));
    expect(parseUtcDate('2006-01-02 10:00', 0, 16)).toBeNaN();
    expect(parseTimeOfDay('09:01:00', 0, 8)).toBe((9 * 60 + 1) * 60_000);
    expect(parseTimeOfDay('09:01Z', 0, 6)).toBeNaN();
  });
});

describe('formatUtcTimestamp', () => {
  it('writes ISO UTC with milliseconds only when present', () => {
    expect(formatUtcTimestamp(Date.UTC(2024, 0, 31, 12))).toBe('2024-01-31T12:00:00Z');
    expect(formatUtcTimestamp(Date.UTC(1969, 11, 31, 23, 59, 59, 5))).toBe('1969-12-31T23:59:59.005Z');
  });
});

describe('isoTimestamp', () => {
  it('writes exactly what Date#toISOString writes, for any time in the years 0000-9999 (property)', () => {
    const from = -62_167_219_200_000; // 0000-01-01T00:00:00.000Z
    const to = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: from, max: to }), fc.double({ min: from, max: to, noNaN: true })), (ms) => {
        expect(isoTimestamp(ms), String(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 5000 },
    );
    expect(new Date(from).toISOString()).toBe('0000-01-01T00:00:00.000Z');
  });

  it('agrees at the edges: the range ends, fractions, negative zero, leap days; and throws as Date does outside it', () => {
    const edges = [
      0, -0, 0.9, -0.5, -1, -1.5, 1_700_000_000_000, 951_782_400_000 /* 2000-02-29 */, -62_167_219_200_000, -62_167_219_200_001,
      253_402_300_799_999, 253_402_300_800_000, -8.64e15, 8.64e15,
    ];
    for (const ms of edges) expect(isoTimestamp(ms), String(ms)).toBe(new Date(ms).toISOString());
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 8.64e15 + 1]) expect(() => isoTimestamp(bad)).toThrow(RangeError);
  });
});
