import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Envelope, parseEncryptionKey } from './envelope.js';

const key = randomBytes(32);
const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const opened = async (envelope: Envelope, sealed: Uint8Array, k: string) => {
  const result = await envelope.open(sealed, k);
  return result.ok ? Buffer.from(result.payload).toString('hex') : result.failure;
};

describe('Envelope', () => {
  it.each(['none', 'gzip', 'brotli'] as const)('round-trips empty, small, large and binary payloads with %s', async (compression) => {
    const envelope = new Envelope({ compression, compressAboveBytes: 64 });
    const payloads = [new Uint8Array(0), text('small'), text('x'.repeat(200_000)), randomBytes(10_000), randomBytes(20)];
    for (const payload of payloads) {
      const sealed = await envelope.seal(payload, 'k');
      expect(await opened(envelope, sealed, 'k')).toBe(Buffer.from(payload).toString('hex'));
    }
  });

  it('compresses only above the threshold and only when it saves bytes', async () => {
    const envelope = new Envelope({ compression: 'gzip', compressAboveBytes: 100 });
    expect((await envelope.seal(text('a'.repeat(100)), 'k')).length, 'at the threshold: stored as is').toBe(102);
    expect((await envelope.seal(text('a'.repeat(10_000)), 'k')).length).toBeLessThan(200);
    expect((await envelope.seal(randomBytes(1_000), 'k')).length, 'incompressible: stored as is').toBe(1_002);
  });

  it('refuses to inflate past maxInflatedBytes', async () => {
    const writer = new Envelope({ compression: 'gzip', compressAboveBytes: 0 });
    const sealed = await writer.seal(new Uint8Array(1_000_000), 'k');
    expect(await opened(new Envelope({ maxInflatedBytes: 1_000 }), sealed, 'k')).toBe('uncompressible');
  });

  it('encrypts: the payload does not appear, and the same value seals differently each time', async () => {
    const envelope = new Envelope({ encryptionKey: key });
    const a = await envelope.seal(text('secret-balance-123'), 'k');
    const b = await envelope.seal(text('secret-balance-123'), 'k');
    expect(Buffer.from(a).includes('secret')).toBe(false);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(await opened(envelope, a, 'k')).toBe(Buffer.from('secret-balance-123').toString('hex'));
  });

  it('turns any single flipped bit of an encrypted entry into a failure, never other bytes', async () => {
    const envelope = new Envelope({ encryptionKey: key, compression: 'gzip', compressAboveBytes: 10 });
    const sealed = await envelope.seal(text('a value long enough to be compressed '.repeat(4)), 'k');
    await fc.assert(
      fc.asyncProperty(fc.nat(sealed.length - 1), fc.integer({ min: 0, max: 7 }), async (at, bit) => {
        const tampered = Buffer.from(sealed);
        tampered[at] = (tampered[at] ?? 0) ^ (1 << bit);
        expect(['undecryptable', 'malformed']).toContain(await opened(envelope, tampered, 'k'));
      }),
      { numRuns: 300 },
    );
    expect(await opened(envelope, sealed.subarray(0, sealed.length - 1), 'k'), 'truncated').toBe('undecryptable');
  });

  it('refuses an entry moved to another key, a clear entry, a foreign key and a format it does not know', async () => {
    const envelope = new Envelope({ encryptionKey: key });
    const sealed = await envelope.seal(text('v'), 'orders:1');
    expect(await opened(envelope, sealed, 'orders:2')).toBe('undecryptable');
    expect(await opened(envelope, await new Envelope().seal(text('planted'), 'k'), 'k')).toBe('undecryptable');
    expect(await opened(new Envelope({ encryptionKey: randomBytes(32) }), sealed, 'orders:1')).toBe('undecryptable');
    expect(await opened(new Envelope(), await envelope.seal(text('v'), 'k'), 'k'), 'encrypted, read without key').toBe('undecryptable');
    expect(await opened(new Envelope(), Uint8Array.from([9, 0, 1]), 'k')).toBe('malformed');
  });

  it('reads keys as 64 hex digits or base64 of 32 bytes', () => {
    expect(parseEncryptionKey(key.toString('hex')).equals(key)).toBe(true);
    expect(parseEncryptionKey(key.toString('base64')).equals(key)).toBe(true);
    expect(() => parseEncryptionKey('c2hvcnQ=')).toThrow(/was 5 bytes: expected 32 bytes/);
  });
});
