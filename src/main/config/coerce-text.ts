import { type ConfigField } from './config-fields.js';

const NUMBER_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const BOOLEAN_TEXT: Readonly<Record<string, boolean>> = { true: true, false: false, '1': true, '0': false };

/**
 * Turns the text of an environment variable or a flag into the type its setting wants. Text that does not
 * read as that type is returned unchanged, so the schema reports it with the value as the user wrote it
 * (`risk.maxDrawdownPct = "abc"`). Hand-written because z.coerce reads "" as 0 and "false" as true.
 */
export function coerceText(field: ConfigField, text: string): unknown {
  switch (field.kind) {
    case 'number':
      return NUMBER_TEXT.test(text.trim()) ? Number(text) : text;
    case 'boolean':
      return BOOLEAN_TEXT[text.trim().toLowerCase()] ?? text;
    case 'string':
    case 'enum':
    case 'decimal':
      return text;
  }
}
