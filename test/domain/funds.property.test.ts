/**
 * Properties of the portfolio's funds and of Money: lock and unlock conserve free + locked, a refused
 * operation changes nothing, and amounts of different currencies never mix.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccountType } from '../../src/domain/portfolio/balance.js';
import { Portfolio } from '../../src/domain/portfolio/portfolio.js';
import { Decimal } from '../../src/domain/values/decimal.js';
import { Money } from '../../src/domain/values/money.js';
import { anyDecimal, onGrid } from './arbitraries.js';

const RUNS = { numRuns: 1_000 };
const CURRENCIES = ['USDT', 'BTC', 'ETH'] as const;

const op = fc.record({
  kind: fc.constantFrom('lock' as const, 'unlock' as const),
  currency: fc.constantFrom(...CURRENCIES),
  amount: onGrid('0.001', 0, 3_000),
});

describe('funds properties', () => {
  it('lock/unlock conserve free + locked per currency; refused ones change nothing; CASH free and locked stay >= 0', () => {
    fc.assert(
      fc.property(fc.constantFrom(AccountType.CASH, AccountType.MARGIN), fc.array(onGrid('0.001', 0, 2_000), { minLength: 3, maxLength: 3 }), fc.array(op, { maxLength: 25 }), (type, starts, ops) => {
        const balances = CURRENCIES.map((c, i) => Money.of(starts[i] ?? '0', c));
        const portfolio = new Portfolio({ accountId: 'f', type, baseCurrency: 'USDT', balances });
        const totals = new Map(CURRENCIES.map((c) => [c, portfolio.balance(c).total]));
        for (const o of ops) {
          const amount = Money.of(o.amount, o.currency);
          const before = portfolio.balances();
          const { free, locked } = portfolio.balance(o.currency);
          const allowed = o.kind === 'unlock' ? locked.gte(amount.amount) : type === 'MARGIN' || free.gte(amount.amount);
          if (o.kind === 'lock') expect(portfolio.canLock(amount)).toBe(allowed);
          let code: string | undefined;
          try {
            if (o.kind === 'lock') portfolio.lock(amount);
            else portfolio.unlock(amount);
          } catch (error) {
            code = (error as { code?: string }).code;
          }
          expect(code).toBe(allowed ? undefined : 'INSUFFICIENT_BALANCE');
          if (!allowed) expect(portfolio.balances()).toEqual(before);
          // One expect per step (not per currency) keeps 1,000 runs fast.
          const broken = CURRENCIES.filter((c) => {
            const b = portfolio.balance(c);
            const conserved = b.total.eq(totals.get(c) ?? Decimal.ZERO) && b.total.eq(b.free.add(b.locked));
            return !conserved || b.locked.isNegative() || (type === 'CASH' && b.free.isNegative());
          });
          expect(broken, `after ${o.kind} ${amount.toString()}: ${JSON.stringify(portfolio.balances())}`).toEqual([]);
        }
      }),
      RUNS,
    );
  });

  it('Money of different currencies never mixes: add, sub and cmp throw CURRENCY_MISMATCH', () => {
    const code = fc.constantFrom('USDT', 'USDC', 'BTC', 'ETH', '1INCH');
    fc.assert(
      fc.property(anyDecimal, anyDecimal, code, code, (a, b, ca, cb) => {
        const x = Money.of(a, ca);
        const y = Money.of(b, cb);
        if (ca === cb) {
          expect(x.add(y).amount.eq(Decimal.of(a).add(Decimal.of(b)))).toBe(true);
          expect(x.add(y).equals(y.add(x))).toBe(true);
          expect(x.sub(y).add(y).equals(x)).toBe(true);
          expect(x.cmp(y)).toBe(Decimal.of(a).cmp(Decimal.of(b)));
          return;
        }
        for (const f of [() => x.add(y), () => x.sub(y), () => x.cmp(y)]) {
          expect(f).toThrow(expect.objectContaining({ code: 'CURRENCY_MISMATCH' }) as Error);
        }
        expect(x.equals(y)).toBe(false);
      }),
      RUNS,
    );
  });

  it('Money and Decimal survive a JSON round trip exactly', () => {
    fc.assert(
      fc.property(anyDecimal, (a) => {
        const m = Money.of(a, 'USDT');
        const back = JSON.parse(JSON.stringify(m)) as { amount: string; currency: string };
        expect(Money.of(back.amount, back.currency).equals(m)).toBe(true);
        expect(back.amount).not.toMatch(/e/i);
      }),
      RUNS,
    );
  });
});
