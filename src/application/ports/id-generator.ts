import type { ClientOrderId } from '../../domain/index.js';

/**
 * Makes client order ids. Backtests use a sequence so that runs repeat bit for bit; live nodes need ids
 * that stay unique across restarts (the venue rejects a reused one), e.g. a run prefix plus a sequence.
 */
export interface IdGenerator {
  nextClientOrderId(): ClientOrderId;
}
