import { Counter, Histogram, type Registry } from 'prom-client';
import type { DatabaseBackend } from '../../application/ports/database-admin.js';
import { isCodedError } from '../../shared/errors.js';
import { sqlState } from './transient-error.js';

type Labels = 'operation' | 'backend';

/**
 * Per-operation database metrics in a prom-client registry: a counter by outcome, a latency histogram
 * and an error counter by error code, plus retries. Several databases may share one registry (the
 * metrics are registered once and labelled by backend).
 *
 * Metric names: atb_db_operations_total{operation,backend,outcome}, atb_db_operation_duration_seconds
 * {operation,backend}, atb_db_errors_total{operation,backend,code}, atb_db_retries_total{operation,backend}.
 */
export class QueryMetrics {
  readonly #operations: Counter<Labels | 'outcome'>;
  readonly #duration: Histogram<Labels>;
  readonly #errors: Counter<Labels | 'code'>;
  readonly #retries: Counter<Labels>;
  readonly #children = new Map<string, { readonly ok: { inc(): void }; readonly duration: { observe(value: number): void } }>();

  constructor(
    registry: Registry,
    private readonly backend: DatabaseBackend,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.#operations = metric(registry, 'atb_db_operations_total', () =>
      new Counter({
        name: 'atb_db_operations_total',
        help: 'Database operations by name, backend and outcome (ok or error)',
        labelNames: ['operation', 'backend', 'outcome'],
        registers: [registry],
      }),
    );
    this.#duration = metric(registry, 'atb_db_operation_duration_seconds', () =>
      new Histogram({
        name: 'atb_db_operation_duration_seconds',
        help: 'Latency of database operations, retries included',
        labelNames: ['operation', 'backend'],
        buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
        registers: [registry],
      }),
    );
    this.#errors = metric(registry, 'atb_db_errors_total', () =>
      new Counter({
        name: 'atb_db_errors_total',
        help: 'Failed database operations by error code (SQLSTATE or ATB code)',
        labelNames: ['operation', 'backend', 'code'],
        registers: [registry],
      }),
    );
    this.#retries = metric(registry, 'atb_db_retries_total', () =>
      new Counter({
        name: 'atb_db_retries_total',
        help: 'Database operations run again after a transient failure',
        labelNames: ['operation', 'backend'],
        registers: [registry],
      }),
    );
  }

  /** Runs `work`, counting and timing it under `operation`. */
  async observe<T>(operation: string, work: () => Promise<T>): Promise<T> {
    const started = this.now();
    const children = this.#childrenOf(operation);
    try {
      const result = await work();
      children.ok.inc();
      return result;
    } catch (error) {
      this.#operations.inc({ operation, backend: this.backend, outcome: 'error' });
      this.#errors.inc({ operation, backend: this.backend, code: errorCode(error) });
      throw error;
    } finally {
      children.duration.observe((this.now() - started) / 1000);
    }
  }

  /**
   * The labelled series of one operation, looked up once: labelling on every call allocated label
   * objects and hash strings per statement, garbage on the write path whose collection showed in p99.
   */
  #childrenOf(operation: string): { readonly ok: { inc(): void }; readonly duration: { observe(value: number): void } } {
    let children = this.#children.get(operation);
    if (children === undefined) {
      children = {
        ok: this.#operations.labels(operation, this.backend, 'ok'),
        duration: this.#duration.labels(operation, this.backend),
      };
      if (this.#children.size < 10_000) this.#children.set(operation, children);
    }
    return children;
  }

  retried(operation: string): void {
    this.#retries.inc({ operation, backend: this.backend });
  }
}

function metric<M>(registry: Registry, name: string, create: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create();
}

/** The most specific code: the SQLSTATE anywhere in the cause chain, else the ATB code, else the class. */
function errorCode(error: unknown): string {
  for (let cause = error, depth = 0; cause !== undefined && cause !== null && depth < 8; depth++) {
    const state = sqlState(cause);
    if (state !== undefined) return state;
    cause = (cause as { cause?: unknown }).cause;
  }
  if (isCodedError(error)) return error.code;
  return error instanceof Error ? error.name : 'unknown';
}
