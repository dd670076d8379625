/**
 * Plain JSON data as repositories store it (jsonb): strings, finite numbers, booleans, null, arrays
 * and objects of those. Parameters, state, metrics and summaries are made of it.
 */
export type JsonObject = Readonly<Record<string, unknown>>;
