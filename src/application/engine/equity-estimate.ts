import type { Currency, InstrumentId, Portfolio } from '../../domain/index.js';
import type { MarkBook, MarkSlot } from './mark-book.js';

interface Holding {
  amount: number;
  readonly isBase: boolean;
  /** The price of the instrument that values this currency in the base currency; `inverse` if quoted the other way. */
  readonly mark: Readonly<MarkSlot> | undefined;
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
    const holding: Holding = {
      amount,
      isBase: currency === this.portfolio.baseCurrency,
      mark: route === undefined ? undefined : this.marks.slot(route.via),
      inverse: route?.inverse ?? false,
    };
    this.holdings.set(currency, holding);
    this.list.push(holding);
  }

  /** Equity in the base currency as of the last recompute(): a plain field (see recompute). */
  total = 0;

  /**
   * Recomputes `total`, the equity in the base currency; a currency without a price yet counts at zero.
   * Void, with the result in a field: a method returning a number that V8 does not inline allocates a
   * heap number per call, and this runs on every bar.
   */
  recompute(): void {
    let total = 0;
    const list = this.list;
    for (let i = 0; i < list.length; i += 1) {
      const h = list[i] as Holding;
      if (h.amount === 0) continue;
      if (h.isBase) {
        total += h.amount;
        continue;
      }
      if (h.mark === undefined) continue;
      const price = h.mark.last;
      if (price > 0) total += h.inverse ? h.amount / price : h.amount * price;
    }
    this.total = total;
  }
}
