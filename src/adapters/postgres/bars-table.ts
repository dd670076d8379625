import { bigint, doublePrecision, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * The `bars` table of migrations/0001_market_data.sql as a Drizzle table, for typed queries. The SQL
 * migration is the source of truth; test/persistence/schema-matches-migrations.test.ts checks that
 * this declaration agrees with the migrated database column by column.
 */
export const barsTable = pgTable(
  'bars',
  {
    instrumentId: text('instrument_id').notNull(),
    timeframe: text('timeframe').notNull(),
    tsOpen: bigint('ts_open', { mode: 'number' }).notNull(),
    open: doublePrecision('open').notNull(),
    high: doublePrecision('high').notNull(),
    low: doublePrecision('low').notNull(),
    close: doublePrecision('close').notNull(),
    volume: doublePrecision('volume').notNull(),
  },
  (table) => [primaryKey({ name: 'bars_pkey', columns: [table.instrumentId, table.timeframe, table.tsOpen] })],
);
