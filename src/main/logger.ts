import { type DestinationStream, type Logger, pino } from 'pino';
import { listConfigFields, pathText } from './config/config-fields.js';
import { REDACTED, redactUrlPassword } from './config/redact.js';
import { type LogConfig } from './config/schema.js';

export type { Logger } from 'pino';

/**
 * The process logger, configured by `log.level` and `log.format`. Logs go to stderr so that stdout stays
 * clean for command output (`--json`). 'json' writes pino's JSON lines; 'pretty' writes one readable line
 * per record (a small formatter here, since pino-pretty is not a dependency). Secret settings are censored
 * wherever a configuration object is logged.
 */
export function createLogger(log: LogConfig, destination: DestinationStream = process.stderr): Logger {
  return pino(
    { level: log.level, redact: { paths: redactPaths(), censor } },
    log.format === 'json' ? destination : prettyDestination(destination),
  );
}

const SECRET_KEYS = ['apiKey', 'secret', 'password'];

/** Secret settings at their place in the configuration, in a logged `config`, and secret-looking keys anywhere. */
function redactPaths(): string[] {
  const secrets = listConfigFields()
    .filter((field) => field.secret !== undefined)
    .map((field) => pathText(field.path));
  return [
    ...secrets.flatMap((path) => [path, `config.${path}`]),
    ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`]),
  ];
}

function censor(value: unknown, path: string[]): unknown {
  // A URL keeps its host and database in logs, only its password is hidden.
  return path.at(-1) === 'url' && typeof value === 'string' ? redactUrlPassword(value) : REDACTED;
}

const LEVEL_NAMES: Readonly<Record<number, string>> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO ',
  40: 'WARN ',
  50: 'ERROR',
  60: 'FATAL',
};

/** Fields every record has that the pretty line shows in its own place or leaves out. */
const SHOWN_APART = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'err']);

/** "12:34:56.789 INFO  message key=value" (UTC time of day), then an error's stack, indented. */
export function prettyLine(record: Readonly<Record<string, unknown>>): string {
  const time = typeof record.time === 'number' ? new Date(record.time).toISOString().slice(11, 23) : '--:--:--.---';
  const level = LEVEL_NAMES[Number(record.level)] ?? String(record.level);
  const fields = Object.entries(record)
    .filter(([key]) => !SHOWN_APART.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' && !/\s/.test(value) ? value : JSON.stringify(value)}`);
  const message = typeof record.msg === 'string' ? record.msg : '';
  const line = [time, level, message, ...fields].filter((part) => part !== '').join(' ');
  const stack = errorStack(record.err);
  return stack === undefined ? line : `${line}\n    ${stack.split('\n').join('\n    ')}`;
}

function errorStack(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { stack, message } = err as { stack?: unknown; message?: unknown };
  if (typeof stack === 'string') return stack;
  return typeof message === 'string' ? message : undefined;
}

function prettyDestination(destination: DestinationStream): DestinationStream {
  return {
    write(json: string): void {
      destination.write(`${prettyLine(JSON.parse(json) as Record<string, unknown>)}\n`);
    },
  };
}
