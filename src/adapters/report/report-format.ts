// Locale-free number and time text for the report, so the same report renders to the same bytes on any
// machine (toLocaleString depends on the ICU data and the environment's locale).
import { groupDigits } from '../../shared/group-digits.js';


export function fixed(x: number, decimals: number): string {
  return groupDigits((x === 0 ? 0 : x).toFixed(decimals));
}

/** A float amount of money: two decimals from 1 up, four significant digits below (0.0001234 BTC). */
export function amount(x: number): string {
  return Math.abs(x) >= 1 || x === 0 ? fixed(x, 2) : x.toPrecision(4);
}

/** "3d 4h", "5h 20m", "42s": the two largest units. */
export function duration(ms: number): string {
  if (ms <= 0) return '0';
  const units: readonly [string, number][] = [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1_000]];
  const parts: string[] = [];
  let rest = Math.round(ms);
  for (const [name, size] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 || parts.length > 0) parts.push(`${count}${name}`);
    if (parts.length === 2) break;
  }
  const shown = parts.filter((p) => !p.startsWith('0'));
  return shown.length > 0 ? shown.join(' ') : `${Math.round(ms)}ms`;
}

/** Epoch ms as "2024-01-31 14:00 UTC" (seconds only when not zero). */
export function utc(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const iso = new Date(ms).toISOString();
  const seconds = iso.slice(17, 19) === '00' ? '' : iso.slice(16, 19);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds} UTC`;
}

/** An ISO time string shown like `utc`; any other text is returned as it is. */
export function utcText(iso: string | null): string {
  if (iso === null) return '–';
  const ms = Date.parse(iso);
  return /^\d{4}-\d\d-\d\dT/.test(iso) && Number.isFinite(ms) ? utc(ms) : iso;
}

/** Plain words for a bucket length: 14_400_000 -> "4h". */
export function span(ms: number): string {
  return duration(ms).replace(/ /g, '');
}
