import { describe, expect, it } from 'vitest';
import { parseParams, type ParamsSchema } from './params-schema.js';

/** A hand-written schema that fails with the given issues (the shape zod reports them in). */
function failingWith(
  issues: readonly { path: readonly PropertyKey[]; message: string; code?: string; keys?: readonly string[] }[],
  shape?: Record<string, unknown>,
): ParamsSchema<never> {
  return { safeParse: () => ({ success: false, error: { issues } }), ...(shape === undefined ? {} : { shape }) };
}

describe('parseParams', () => {
  it('passes the parsed value through', () => {
    const schema: ParamsSchema<{ fast: number }> = { safeParse: () => ({ success: true, data: { fast: 10 } }) };
    expect(parseParams('s', schema, { fast: '10' })).toEqual({ ok: true, value: { fast: 10 } });
  });

  it('names the parameter, the raw value and what was expected', () => {
    const schema = failingWith([{ path: ['fast'], message: 'Invalid input: expected number, received NaN' }]);
    expect(parseParams('sma-cross', schema, { fast: 'abc' })).toEqual({
      ok: false,
      error: [
        {
          param: 'fast',
          value: 'abc',
          expected: 'expected number, received NaN',
          message: `invalid parameter 'fast' of strategy sma-cross, was "abc": expected number, received NaN`,
        },
      ],
    });
  });

  it('reports each unknown name as its own parameter, with the ones the strategy has', () => {
    const schema = failingWith([{ path: [], code: 'unrecognized_keys', keys: ['fats', 'sloww'], message: 'Unrecognized keys: "fats", "sloww"' }], { fast: {}, slow: {} });
    const parsed = parseParams('sma-cross', schema, { fats: '5', sloww: '9' });
    expect(parsed.ok ? [] : parsed.error.map((e) => e.message)).toEqual([
      `invalid parameter 'fats' of strategy sma-cross, was "5": not a parameter of this strategy (it has fast, slow)`,
      `invalid parameter 'sloww' of strategy sma-cross, was "9": not a parameter of this strategy (it has fast, slow)`,
    ]);
  });

  it('an issue about the whole object says so', () => {
    const parsed = parseParams('x', failingWith([{ path: [], message: 'expected an object' }]), {});
    expect(parsed.ok ? '' : parsed.error[0]?.message).toBe(`invalid parameter '(parameters)' of strategy x, was {}: expected an object`);
  });
});
