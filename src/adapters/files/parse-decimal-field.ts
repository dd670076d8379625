/** Exact powers of ten: dividing an integer below 2^53 by one of these rounds correctly (one IEEE operation). */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parses `text[start, end)` as a decimal number without allocating, or NaN. Bar files hold millions of
 * fields, and `Number(text.slice(…))` allocates a string per field. Plain decimals of at most 15 digits
 * take the fast path: the digits as an integer divided by a power of ten, which gives exactly the double
 * `Number()` gives (Clinger's fast path). Longer numbers and exponents fall back to `Number()`.
 */
export function parseDecimalField(text: string, start: number, end: number, decimalComma = false): number {
  let pos = start;
  let negative = false;
  const sign = text.charCodeAt(pos);
  if (sign === 0x2d /* - */) {
    negative = true;
    pos += 1;
  } else if (sign === 0x2b /* + */) {
    pos += 1;
  }
  const point = decimalComma ? 0x2c /* , */ : 0x2e; /* . */
  let mantissa = 0;
  let digits = 0;
  let fractionDigits = 0;
  let seenPoint = false;
  for (; pos < end; pos += 1) {
    const code = text.charCodeAt(pos);
    const digit = code - 48;
    if (digit >= 0 && digit <= 9) {
      mantissa = mantissa * 10 + digit;
      digits += 1;
      if (seenPoint) fractionDigits += 1;
    } else if (code === point && !seenPoint) {
      seenPoint = true;
    } else {
      return parseSlowly(text, start, end, decimalComma);
    }
  }
  if (digits === 0) return Number.NaN;
  if (digits > 15) return parseSlowly(text, start, end, decimalComma);
  const value = fractionDigits === 0 ? mantissa : mantissa / (POW10[fractionDigits] ?? Number.NaN);
  return negative ? -value : value;
}

/** Where parseNumberAt stopped; a module-level slot so the per-field hot path returns a bare number. */
export let numberEnd = 0;

/**
 * Parses the number a CSV field starts with and records in `numberEnd` where it stopped, so the scanner
 * reads each character once instead of first finding the field's end and then parsing it. Skips leading
 * spaces and an opening double quote; stops at the first character that cannot continue the number
 * (the caller checks that a delimiter, closing quote or the line end follows). NaN when no digits.
 */
export function parseNumberAt(text: string, start: number, end: number, decimalComma: boolean): number {
  let pos = start;
  let code = text.charCodeAt(pos);
  while (pos < end && (code === 0x20 || code === 0x22)) code = text.charCodeAt(++pos);
  const numberStart = pos;
  let negative = false;
  if (code === 0x2d) {
    negative = true;
    pos += 1;
  } else if (code === 0x2b) {
    pos += 1;
  }
  const point = decimalComma ? 0x2c : 0x2e;
  let mantissa = 0;
  let digits = 0;
  let fractionDigits = 0;
  let seenPoint = false;
  for (; pos < end; pos += 1) {
    code = text.charCodeAt(pos);
    const digit = code - 48;
    if (digit >= 0 && digit <= 9) {
      mantissa = mantissa * 10 + digit;
      digits += 1;
      if (seenPoint) fractionDigits += 1;
    } else if (code === point && !seenPoint) {
      seenPoint = true;
    } else {
      break;
    }
  }
  if (pos < end && (code === 0x65 || code === 0x45) /* e E */) {
    // An exponent: rare in bar files, so the exact general parser takes it.
    pos += 1;
    while (pos < end && /[0-9+-]/.test(text.charAt(pos))) pos += 1;
    numberEnd = pos;
    return parseSlowly(text, numberStart, pos, decimalComma);
  }
  numberEnd = pos;
  if (digits === 0) return Number.NaN;
  if (digits > 15) return parseSlowly(text, numberStart, pos, decimalComma);
  const value = fractionDigits === 0 ? mantissa : mantissa / (POW10[fractionDigits] ?? Number.NaN);
  return negative ? -value : value;
}

function parseSlowly(text: string, start: number, end: number, decimalComma: boolean): number {
  let raw = text.slice(start, end);
  if (decimalComma) raw = raw.replace(',', '.');
  return NUMBER_TEXT.test(raw) ? Number(raw) : Number.NaN;
}
