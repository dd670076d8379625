import { z } from 'zod';
import { Decimal } from '../../domain/values/decimal.js';
import { InvalidValueError } from '../../domain/errors.js';

/**
 * What the configuration tooling needs to know about a setting beyond its type: whether it is a secret
 * (never printed or logged; 'url-password' hides only the password inside a URL) and, where the type
 * alone cannot say it, the phrase used after "expected" in error messages.
 */
export interface FieldMeta {
  readonly secret?: 'value' | 'url-password';
  readonly expected?: string;
  /** The setting holds an exact decimal written as a string (money); YAML numbers keep their source text. */
  readonly decimal?: true;
}

/** Registry of configuration field metadata, read by the schema walker (config-fields.ts). */
export const fieldMeta = z.registry<FieldMeta>();

/** A secret string: shown as *** by `atb config check`, censored in logs. */
export function secretString(expected = 'a non-empty string'): z.ZodString {
  return z.string().min(1).register(fieldMeta, { secret: 'value', expected });
}

/** A URL whose password part is a secret; `schemes` are the accepted protocols without the colon. */
export function urlWithSecretPassword(schemes: readonly string[], example: string) {
  const expected = `a ${schemes.map((s) => `${s}://`).join(' or ')} URL such as "${example}"`;
  return z
    .string()
    .refine((text) => schemes.some((scheme) => text.startsWith(`${scheme}://`)) && URL.canParse(text), {
      message: expected,
    })
    .register(fieldMeta, { secret: 'url-password', expected });
}

/**
 * An exact decimal written as a string (money must never pass through a float), parsed into a Decimal.
 * `positive` rejects zero and negative amounts.
 */
export function decimalString(options: { readonly positive: boolean; readonly example: string }) {
  const expected = `${options.positive ? 'a positive' : 'a'} decimal number such as "${options.example}"`;
  return z
    .string()
    .refine((text) => {
      const value = parseDecimal(text);
      return value !== undefined && (!options.positive || value.isPositive());
    }, expected)
    .transform((text) => Decimal.of(text))
    .register(fieldMeta, { decimal: true, expected });
}

function parseDecimal(text: string): Decimal | undefined {
  try {
    return Decimal.of(text);
  } catch (error) {
    if (error instanceof InvalidValueError) return undefined;
    throw error;
  }
}
