import { clientOrderId, type ClientOrderId } from '../../domain/index.js';
import type { IdGenerator } from '../ports/id-generator.js';

/**
 * Client order ids `<prefix>-<n>`: deterministic, for backtests. A live node uses a prefix unique to the
 * run (its start time and node id), so ids never repeat across restarts.
 */
export class SequentialIdGenerator implements IdGenerator {
  private next = 0;

  constructor(private readonly prefix = 'O') {}

  nextClientOrderId(): ClientOrderId {
    this.next += 1;
    return clientOrderId(`${this.prefix}-${this.next}`);
  }
}
