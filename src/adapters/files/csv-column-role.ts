/** What a CSV column holds. The scanner switches on these small integers in its per-field loop. */
export const CsvColumnRole = {
  IGNORE: 0,
  TIMESTAMP: 1,
  DATE: 2,
  TIME: 3,
  OPEN: 4,
  HIGH: 5,
  LOW: 6,
  CLOSE: 7,
  VOLUME: 8,
} as const;
export type CsvColumnRole = (typeof CsvColumnRole)[keyof typeof CsvColumnRole];

/** Role names as they appear in messages: `column 'close' is "abc": expected a number`. */
export const ROLE_NAMES = ['ignored', 'timestamp', 'date', 'time', 'open', 'high', 'low', 'close', 'volume'] as const;

/**
 * Header names recognised for each role, compared after lower-casing and turning runs of spaces, `_`,
 * `-` and `.` into one space. `Adj Close` is deliberately not a close: Yahoo's adjusted close rewrites
 * history for dividends and splits, while the other columns are as traded.
 */
const NAMES: Readonly<Record<string, CsvColumnRole>> = {
  timestamp: CsvColumnRole.TIMESTAMP,
  'time stamp': CsvColumnRole.TIMESTAMP,
  datetime: CsvColumnRole.TIMESTAMP,
  'date time': CsvColumnRole.TIMESTAMP,
  'open time': CsvColumnRole.TIMESTAMP,
  opentime: CsvColumnRole.TIMESTAMP,
  ts: CsvColumnRole.TIMESTAMP,
  unix: CsvColumnRole.TIMESTAMP,
  'gmt time': CsvColumnRole.TIMESTAMP,
  'utc time': CsvColumnRole.TIMESTAMP,
  date: CsvColumnRole.DATE,
  day: CsvColumnRole.DATE,
  time: CsvColumnRole.TIME,
  open: CsvColumnRole.OPEN,
  o: CsvColumnRole.OPEN,
  'open price': CsvColumnRole.OPEN,
  high: CsvColumnRole.HIGH,
  h: CsvColumnRole.HIGH,
  'high price': CsvColumnRole.HIGH,
  low: CsvColumnRole.LOW,
  l: CsvColumnRole.LOW,
  'low price': CsvColumnRole.LOW,
  close: CsvColumnRole.CLOSE,
  c: CsvColumnRole.CLOSE,
  'close price': CsvColumnRole.CLOSE,
  volume: CsvColumnRole.VOLUME,
  vol: CsvColumnRole.VOLUME,
  v: CsvColumnRole.VOLUME,
  'tick volume': CsvColumnRole.VOLUME,
  tickvol: CsvColumnRole.VOLUME,
  'base volume': CsvColumnRole.VOLUME,
};

export function normalizeColumnName(name: string): string {
  return name
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .toLowerCase()
    .replace(/[\s_.-]+/g, ' ')
    .trim();
}

/**
 * The role of each header name. Date and time are a pair only when both exist; a lone `date` or `time`
 * column is the timestamp. An unnamed first column is the timestamp (pandas writes its index that way).
 * A volume-like name (`Volume BTC`) counts when no column is plainly `volume`. The first column wins a role.
 */
export function rolesFromHeader(names: readonly string[]): CsvColumnRole[] {
  const normalized = names.map(normalizeColumnName);
  const roles = normalized.map((name) => NAMES[name] ?? CsvColumnRole.IGNORE);
  const seen = new Set<CsvColumnRole>();
  for (let i = 0; i < roles.length; i += 1) {
    const role = roles[i] ?? CsvColumnRole.IGNORE;
    if (seen.has(role)) roles[i] = CsvColumnRole.IGNORE;
    else seen.add(role);
  }
  const hasDate = roles.includes(CsvColumnRole.DATE);
  const hasTime = roles.includes(CsvColumnRole.TIME);
  const hasTimestamp = roles.includes(CsvColumnRole.TIMESTAMP);
  if (hasTimestamp || !(hasDate && hasTime)) {
    for (let i = 0; i < roles.length; i += 1) {
      const role = roles[i];
      if (role === CsvColumnRole.DATE || role === CsvColumnRole.TIME) {
        roles[i] = hasTimestamp ? CsvColumnRole.IGNORE : CsvColumnRole.TIMESTAMP;
      }
    }
  }
  if (!roles.some((r) => r === CsvColumnRole.TIMESTAMP || r === CsvColumnRole.DATE) && normalized[0] === '') {
    roles[0] = CsvColumnRole.TIMESTAMP;
  }
  if (!roles.includes(CsvColumnRole.VOLUME)) {
    const volumeLike = normalized.findIndex(
      (name, i) => roles[i] === CsvColumnRole.IGNORE && name.includes('vol') && !name.includes('quote'),
    );
    if (volumeLike >= 0) roles[volumeLike] = CsvColumnRole.VOLUME;
  }
  return roles;
}
