/**
 * Accounting properties of positions and the portfolio over random fill sequences on one instrument.
 * Everything is asserted with exact Decimal equality.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccountType } from '../../src/domain/portfolio/balance.js';
import { Portfolio } from '../../src/domain/portfolio/portfolio.js';
import { Position } from '../../src/domain/positions/position.js';
import { Decimal } from '../../src/domain/values/decimal.js';
import { Money, currency } from '../../src/domain/values/money.js';
import { Price } from '../../src/domain/values/price.js';
import { fillDraft, onGrid, type FillDraft } from './arbitraries.js';
import { BTC_USDT, fill } from './builders.js';

const USDT = currency('USDT');
const RUNS = { numRuns: 1_000 };
const toFill = (draft: FillDraft, i: number) => fill({ ...draft, tsMs: 1_000 + i * 60_000 });

/** Everything a user of the portfolio can see, as text. */
function publicState(portfolio: Portfolio): string {
  const p = portfolio.position(BTC_USDT);
  const position = [p.netQuantity, p.costBasis, p.realizedPnl, p.feesPaid, p.roundTrips, p.openedTsMs, p.lastFillTsMs];
  return JSON.stringify([portfolio.balances(), position, portfolio.roundTrips(), portfolio.openPositions().length]);
}

/** The fill that takes `position` back to flat, or undefined when it already is. */
function closing(position: Position, price: string): FillDraft | undefined {
  if (position.isFlat) return undefined;
  return { side: position.netQuantity.isPositive() ? 'SELL' : 'BUY', quantity: position.quantity.toString(), price, fee: '0.5' };
}

describe('accounting properties', () => {
  it('(1) starting equity + realized + unrealized - fees = final equity, exactly (MARGIN, shorts and flips)', () => {
    fc.assert(
      fc.property(onGrid('0.01', 0, 100_000_000), fc.array(fillDraft, { maxLength: 30 }), onGrid('0.01', 1, 10_000_000), (start, drafts, markPrice) => {
        const portfolio = new Portfolio({ accountId: 'p', type: AccountType.MARGIN, baseCurrency: 'USDT', balances: [Money.of(start, 'USDT')] });
        drafts.forEach((d, i) => portfolio.applyFill(toFill(d, i)));
        const marks = new Map([[BTC_USDT, Price.of(markPrice)]]);
        const position = portfolio.position(BTC_USDT);
        const expected = Decimal.of(start)
          .add(portfolio.realizedPnl(marks).amount)
          .add(portfolio.unrealizedPnl(marks).amount)
          .sub(position.feesIn(USDT));
        const final = portfolio.equity(marks).amount;
        expect(final.eq(expected), `${final.toString()} != ${expected.toString()}`).toBe(true);
      }),
      RUNS,
    );
  });

  it('(2) position quantity = signed sum of fill quantities, with a consistent side and entry price', () => {
    fc.assert(
      fc.property(fc.array(fillDraft, { maxLength: 40 }), (drafts) => {
        let position = Position.flat(BTC_USDT);
        let signedSum = Decimal.ZERO;
        drafts.forEach((d, i) => {
          position = position.apply(toFill(d, i)).position;
          signedSum = d.side === 'BUY' ? signedSum.add(Decimal.of(d.quantity)) : signedSum.sub(Decimal.of(d.quantity));
          const consistent =
            position.netQuantity.eq(signedSum) &&
            position.quantity.eq(signedSum.abs()) &&
            position.side === ['SHORT', 'FLAT', 'LONG'][signedSum.sign() + 1] &&
            (position.avgEntryPrice === undefined) === position.isFlat &&
            // Long cost is positive, short cost negative, flat cost zero.
            position.costBasis.sign() === signedSum.sign();
          // One expect per fill keeps 1,000 runs fast; the message shows what went wrong.
          expect(consistent, `after fill ${i}: net ${position.netQuantity.toString()} cost ${position.costBasis.toString()}, expected ${signedSum.toString()}`).toBe(true);
        });
      }),
      RUNS,
    );
  });

  it('realized + unrealized P&L of a position equals its exact cash flows at any mark', () => {
    fc.assert(
      fc.property(fc.array(fillDraft, { maxLength: 30 }), onGrid('0.01', 1, 10_000_000), (drafts, markPrice) => {
        let position = Position.flat(BTC_USDT);
        let cash = Decimal.ZERO;
        drafts.forEach((d, i) => {
          position = position.apply(toFill(d, i)).position;
          const notional = Decimal.of(d.price).mul(Decimal.of(d.quantity));
          cash = d.side === 'BUY' ? cash.sub(notional) : cash.add(notional);
        });
        const mark = Price.of(markPrice);
        const pnl = position.realizedPnl.add(position.unrealizedPnl(mark));
        expect(pnl.eq(cash.add(position.netQuantity.mul(mark)))).toBe(true);
      }),
      RUNS,
    );
  });

  it("once flat, the round trips' realized P&L sums to the position's, and their fees to all quote fees", () => {
    fc.assert(
      fc.property(fc.array(fillDraft, { minLength: 1, maxLength: 30 }), onGrid('0.01', 1, 10_000_000), (drafts, exitPrice) => {
        let position = Position.flat(BTC_USDT);
        const all = [...drafts];
        drafts.forEach((d, i) => (position = position.apply(toFill(d, i)).position));
        const last = closing(position, exitPrice);
        if (last !== undefined) {
          all.push(last);
          position = position.apply(toFill(last, drafts.length)).position;
        }
        expect(position.isFlat).toBe(true);
        const trips = position.roundTrips;
        expect(Decimal.sum(trips.map((t) => t.realizedPnl)).eq(position.realizedPnl)).toBe(true);
        expect(Decimal.sum(trips.map((t) => t.fees)).eq(position.feesIn(USDT))).toBe(true);
        expect(Decimal.sum(all.map((d) => Decimal.of(d.fee))).eq(position.feesIn(USDT))).toBe(true);
        for (const trip of trips) {
          expect(trip.netPnl.eq(trip.realizedPnl.sub(trip.fees))).toBe(true);
          expect(trip.durationMs).toBe(trip.exitTsMs - trip.entryTsMs);
          // Entry and exit quantities match: average prices times quantity give back the P&L within rounding.
          const approx = trip.avgExitPrice.sub(trip.avgEntryPrice).mul(trip.quantity).mul(trip.side === 'LONG' ? Decimal.ONE : Decimal.ONE.neg());
          expect(approx.sub(trip.realizedPnl).abs().lte(Decimal.of('1e-20'))).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("a CASH account never goes negative: a refused fill throws INSUFFICIENT_BALANCE and writes nothing", () => {
    const draft = fc.record({
      side: fc.constantFrom('BUY' as const, 'SELL' as const),
      quantity: onGrid('0.001', 1, 2_000),
      price: onGrid('0.01', 1, 1_000_000),
      fee: onGrid('0.0001', 0, 10_000),
      feeCurrency: fc.constantFrom('USDT', 'BTC'),
    });
    fc.assert(
      fc.property(onGrid('0.01', 0, 1_000_000), onGrid('0.001', 0, 2_000), fc.array(draft, { maxLength: 30 }), (usdt, btc, drafts) => {
        const portfolio = new Portfolio({ accountId: 'c', type: AccountType.CASH, baseCurrency: 'USDT', balances: [Money.of(usdt, 'USDT'), Money.of(btc, 'BTC')] });
        drafts.forEach((d, i) => {
          const f = fill({ ...d, feeCurrency: d.feeCurrency, tsMs: i });
          const before = publicState(portfolio);
          const free = (code: string) => portfolio.balance(code).free;
          const notional = f.price.mul(f.quantity);
          const baseAfter = (d.side === 'BUY' ? free('BTC').add(f.quantity) : free('BTC').sub(f.quantity)).sub(d.feeCurrency === 'BTC' ? f.fee.amount : Decimal.ZERO);
          const quoteAfter = (d.side === 'BUY' ? free('USDT').sub(notional) : free('USDT').add(notional)).sub(d.feeCurrency === 'USDT' ? f.fee.amount : Decimal.ZERO);
          const affordable = !baseAfter.isNegative() && !quoteAfter.isNegative();
          let code: string | undefined;
          try {
            portfolio.applyFill(f);
          } catch (error) {
            code = (error as { code?: string }).code;
          }
          expect(code).toBe(affordable ? undefined : 'INSUFFICIENT_BALANCE');
          if (code !== undefined) expect(publicState(portfolio)).toBe(before);
          for (const b of portfolio.balances()) expect(b.free.isNegative(), `${b.currency} ${b.free.toString()}`).toBe(false);
          // Spot: the BTC held is the position, less BTC fees and the starting BTC.
          expect(portfolio.balance('BTC').total.isNegative()).toBe(false);
        });
      }),
      RUNS,
    );
  });
});
