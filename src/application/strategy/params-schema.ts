import { err, ok, type Result } from '../../domain/index.js';

/**
 * The slice of a zod schema the core needs to validate strategy parameters, declared here so that the
 * application layer does not import zod. Any `z.object(...)` satisfies it.
 */
export interface ParamsSchema<P> {
  safeParse(input: unknown):
    | { readonly success: true; readonly data: P }
    | { readonly success: false; readonly error: { readonly issues: readonly ParamsIssueLike[] } };
  /** The parameters by name (a z.object's shape), to list them when an unknown one is given. */
  readonly shape?: Readonly<Record<string, unknown>>;
}

interface ParamsIssueLike {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly input?: unknown;
  readonly code?: string;
  /** The unknown names of a strict object's `unrecognized_keys` issue. */
  readonly keys?: readonly string[];
}

/** One rejected parameter, ready to print: `invalid parameter 'fast', was "abc": expected number`. */
export interface ParamsIssue {
  readonly param: string;
  readonly value: unknown;
  readonly expected: string;
  readonly message: string;
}

/** Validates raw parameters (strings from a command line, values from a file) against a strategy's schema. */
export function parseParams<P>(strategyName: string, schema: ParamsSchema<P>, raw: Readonly<Record<string, unknown>>): Result<P, readonly ParamsIssue[]> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return ok(parsed.data);
  const known = schema.shape === undefined ? '' : ` (it has ${Object.keys(schema.shape).join(', ')})`;
  const issue = (param: string, value: unknown, expected: string): ParamsIssue => ({
    param,
    value,
    expected,
    message: `invalid parameter '${param}' of strategy ${strategyName}, was ${show(value)}: ${expected}`,
  });
  return err(
    parsed.error.issues.flatMap((found) => {
      // One issue per unknown name (a typo), named like any other parameter, rather than one about the whole object.
      if (found.code === 'unrecognized_keys' && found.keys !== undefined && found.path.length === 0) {
        return found.keys.map((key) => issue(key, raw[key], `not a parameter of this strategy${known}`));
      }
      const param = found.path.map(String).join('.') || '(parameters)';
      const value = found.path.length > 0 ? raw[String(found.path[0])] : raw;
      return [issue(param, value, found.message.replace(/^Invalid input: /, ''))];
    }),
  );
}

function show(value: unknown): string {
  if (value === undefined) return 'missing';
  return JSON.stringify(value) ?? typeof value;
}
