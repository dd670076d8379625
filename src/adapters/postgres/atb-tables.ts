import type { SqlSession } from './sql-executor.js';

/** An ATB table as the backup sees it: name, copyable columns, and whether it can be paged by ctid. */
export interface AtbTable {
  readonly name: string;
  /** Columns in table order, without generated ones (COPY cannot write those). */
  readonly columns: readonly string[];
  /** A plain table (paged by physical position); partitioned parents are copied whole. */
  readonly plain: boolean;
}

/**
 * ATB's tables: every table of the current schema but schema_migrations (ATB expects a database or
 * schema of its own), parents before the tables whose foreign keys point at them, ties by name.
 */
export async function atbTables(session: SqlSession): Promise<readonly AtbTable[]> {
  const tables = await session.query<{ name: string; kind: string }>(
    `SELECT c.relname AS name, c.relkind AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
       AND c.relname <> 'schema_migrations'
     ORDER BY c.relname COLLATE "C"`,
  );
  const columns = await session.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND is_generated = 'NEVER'
     ORDER BY table_name, ordinal_position`,
  );
  const edges = await session.query<{ child: string; parent: string }>(
    `SELECT child.relname AS child, parent.relname AS parent
     FROM pg_constraint k
     JOIN pg_class child ON child.oid = k.conrelid
     JOIN pg_class parent ON parent.oid = k.confrelid
     JOIN pg_namespace n ON n.oid = child.relnamespace
     WHERE k.contype = 'f' AND n.nspname = current_schema() AND child.oid <> parent.oid`,
  );
  const byTable = new Map<string, string[]>();
  for (const row of columns.rows) byTable.set(row.table_name, [...(byTable.get(row.table_name) ?? []), row.column_name]);
  const ordered = dependencyOrder(
    tables.rows.map((row) => row.name),
    edges.rows.map((row) => [row.parent, row.child] as const),
  );
  const kinds = new Map(tables.rows.map((row) => [row.name, row.kind]));
  return ordered.map((name) => ({ name, columns: byTable.get(name) ?? [], plain: kinds.get(name) === 'r' }));
}

/** Kahn's algorithm, taking the alphabetically first ready table each time, so the order is stable. */
export function dependencyOrder(names: readonly string[], edges: readonly (readonly [parent: string, child: string])[]): string[] {
  const waitingOn = new Map(names.map((name) => [name, new Set<string>()]));
  for (const [parent, child] of edges) if (waitingOn.has(parent)) waitingOn.get(child)?.add(parent);
  const order: string[] = [];
  while (waitingOn.size > 0) {
    const ready = [...waitingOn].filter(([, parents]) => parents.size === 0).map(([name]) => name).sort();
    // A cycle of foreign keys: take the rest by name (their constraints would have to be deferrable).
    const next = ready[0] ?? [...waitingOn.keys()].sort()[0];
    if (next === undefined) break;
    order.push(next);
    waitingOn.delete(next);
    for (const parents of waitingOn.values()) parents.delete(next);
  }
  return order;
}

/** Settings that make COPY text identical and exact on every server: UTC times, ISO dates, shortest exact floats. */
export const PORTABLE_TEXT_SETTINGS = [
  "SET LOCAL TimeZone = 'UTC'",
  "SET LOCAL DateStyle = 'ISO, YMD'",
  "SET LOCAL IntervalStyle = 'postgres'",
  'SET LOCAL extra_float_digits = 1',
] as const;
