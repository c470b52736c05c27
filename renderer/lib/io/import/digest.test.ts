// The streamed SHA-256 equals Node's own over the same bytes, whatever the pieces.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256OfBlob } from './digest.ts';

describe('sha256OfBlob', () => {
  it('matches node:crypto for empty, small and multi-piece files', async () => {
    const big = new Uint8Array(3 * 1024 * 1024 + 7).map((_, i) => (i * 31) % 251);
    for (const bytes of [new Uint8Array(), new TextEncoder().encode('a,b\n1,2\n'), big]) {
      let seen = 0;
      const hex = await sha256OfBlob(new Blob([bytes]), (n) => (seen = n));
      expect(hex).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(seen).toBe(bytes.byteLength);
    }
  });
});
