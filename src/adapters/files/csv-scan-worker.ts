import { open } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import type { CsvLayout } from './csv-layout.js';
import { BarRowRecorder, type RecordedBarRows } from './recorded-bar-rows.js';
import { scanCsvFile, type ByteRange, type ScanPosition } from './scan-csv-bars.js';

/** What the loader asks a worker to scan: one part of a CSV file whose layout it already knows. */
export interface CsvScanJob {
  readonly kind: 'csv-scan';
  readonly path: string;
  readonly layout: CsvLayout;
  readonly range: ByteRange;
  readonly initialCapacity: number;
}

export type CsvScanResult =
  | { readonly ok: true; readonly rows: RecordedBarRows; readonly position: ScanPosition }
  | { readonly ok: false; readonly message: string; readonly code?: string };

/** Scans `job.range` of the file into recorded rows (line numbers counted from the range's start). */
async function scanCsvPart(job: CsvScanJob): Promise<{ rows: RecordedBarRows; position: ScanPosition }> {
  const file = await open(job.path, 'r');
  try {
    const recorder = new BarRowRecorder(job.initialCapacity);
    const position = await scanCsvFile(file, job.layout, recorder, undefined, job.range);
    return { rows: recorder.rows(), position };
  } finally {
    await file.close();
  }
}

// Worker entry: run the job in workerData and post the rows back, their array transferred, not copied.
const job = workerData as Partial<CsvScanJob> | null;
if (parentPort !== null && job?.kind === 'csv-scan') {
  const port = parentPort;
  scanCsvPart(job as CsvScanJob).then(
    ({ rows, position }) => {
      const result: CsvScanResult = { ok: true, rows, position };
      port.postMessage(result, [rows.values.buffer]);
    },
    (error: unknown) => {
      const { message, code } = error as NodeJS.ErrnoException;
      const result: CsvScanResult = code === undefined ? { ok: false, message: String(message) } : { ok: false, message: String(message), code };
      port.postMessage(result);
    },
  );
}
