import type { Currency, InstrumentId, Portfolio } from '../../domain/index.js';
import type { MarkBook } from './mark-book.js';

interface Holding {
  amount: number;
  readonly isBase: boolean;
  /** The instrument whose price values this currency in the base currency; `inverse` if quoted the other way. */
  readonly via: InstrumentId | undefined;
  readonly inverse: boolean;
}

/**
 * The account's equity as a float, cheap enough to compute on every bar for the equity curve and the
 * kill-switch triggers. Balances are refreshed from the exact portfolio after each fill; exact equity is
 * always available from Portfolio.equity.
 */
export class EquityEstimate {
  private readonly holdings = new Map<Currency, Holding>();
  /** The same holdings as an array: iterating it per bar allocates nothing. */
  private readonly list: Holding[] = [];

  constructor(
    private readonly portfolio: Portfolio,
    private readonly marks: MarkBook,
    instrumentIds: readonly InstrumentId[],
  ) {
    const base = portfolio.baseCurrency;
    this.routes = new Map();
    for (const id of instrumentIds) {
      const [b, q] = id.split(/[/:]/) as [Currency, Currency];
      if (q === base) this.routes.set(b, { via: id, inverse: false });
      else if (b === base) this.routes.set(q, { via: id, inverse: true });
    }
    for (const balance of portfolio.balances()) this.refresh(balance.currency);
  }

  private readonly routes: Map<Currency, { via: InstrumentId; inverse: boolean }>;

  /** Re-reads one currency's exact total after it changed. */
  refresh(currency: Currency): void {
    const amount = this.portfolio.totalOf(currency).toNumber();
    const existing = this.holdings.get(currency);
    if (existing !== undefined) {
      existing.amount = amount;
      return;
    }
    const route = currency === this.portfolio.baseCurrency ? undefined : this.routes.get(currency);
    const holding: Holding = { amount, isBase: currency === this.portfolio.baseCurrency, via: route?.via, inverse: route?.inverse ?? false };
    this.holdings.set(currency, holding);
    this.list.push(holding);
  }

  /** Equity in the base currency; a currency without a price yet counts at zero. */
  value(): number {
    let total = 0;
    const list = this.list;
    for (let i = 0; i < list.length; i += 1) {
      const h = list[i] as Holding;
      if (h.amount === 0) continue;
      if (h.isBase) {
        total += h.amount;
        continue;
      }
      if (h.via === undefined) continue;
      const price = this.marks.lastPrice(h.via);
      if (price > 0) total += h.inverse ? h.amount / price : h.amount * price;
    }
    return total;
  }
}
