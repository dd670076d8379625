import type { Result } from '../../domain/index.js';
import { parseParams, type ParamsIssue } from './params-schema.js';
import type { Strategy, StrategyClass } from './strategy.js';

/** A strategy class seen from outside: its name, its description, and a checked way to build it. */
export interface StrategyEntry {
  readonly name: string;
  readonly description: string;
  /** Validates raw parameters (strings from a command line are coerced) and builds the strategy. */
  create(raw: Readonly<Record<string, unknown>>): Result<{ readonly strategy: Strategy; readonly params: unknown }, readonly ParamsIssue[]>;
}

export function strategyEntry<P>(cls: StrategyClass<P>): StrategyEntry {
  return {
    name: cls.strategyName,
    description: cls.description,
    create(raw) {
      const parsed = parseParams(cls.strategyName, cls.params, raw);
      return parsed.ok ? { ok: true, value: { strategy: new cls(parsed.value), params: parsed.value } } : parsed;
    },
  };
}
