// Import layer: the SHA-256 of a file of any size, read as a stream. The browser's own digest needs the whole file in
// memory at once, which a 1 GB extract must never be; @noble/hashes (audited, no dependencies) hashes piece by piece.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** The SHA-256 of everything the stream yields, as lower-case hex; `progress` hears the bytes read so far. */
export async function sha256OfStream(stream: ReadableStream<Uint8Array>, progress?: (bytes: number) => void): Promise<string> {
  const hash = sha256.create();
  const reader = stream.getReader();
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    hash.update(value);
    bytes += value.byteLength;
    progress?.(bytes);
  }
  return bytesToHex(hash.digest());
}

export const sha256OfBlob = (blob: Blob, progress?: (bytes: number) => void): Promise<string> => sha256OfStream(blob.stream(), progress);
