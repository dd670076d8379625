import type { MarketDataRepository } from '../../../application/ports/market-data-repository.js';

/** The market-data repository of the configured database, opened (and migrated) for one command. */
export interface OpenedMarketData {
  readonly marketData: MarketDataRepository;
  /** Where the bars live, for messages: "the embedded database at /x/.atb/db" or a server URL. */
  readonly location: string;
  close(): Promise<void>;
}

export type OpenMarketData = () => Promise<OpenedMarketData>;

/** Opens the store, runs `use`, and closes the store whatever happens. */
export async function withMarketData<T>(open: OpenMarketData, use: (store: OpenedMarketData) => Promise<T>): Promise<T> {
  const store = await open();
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}
