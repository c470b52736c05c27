// Main-process layer, Electron-bound: serves the built renderer (out/renderer) on app://app/. The decision is
// made by decideRequest (pure, unit-tested, given the realpath lookup of file-lookup.ts); this file only streams
// the chosen file, so large assets such as the duckdb-wasm binaries are never read whole into memory.
import { protocol } from 'electron';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { APP_SCHEME } from './app-url.ts';
import { fileLookupFor } from './file-lookup.ts';
import { decideRequest, STATUS_TEXT } from './protocol-core.ts';

/** Must run before app 'ready': gives app:// the powers of https (fetch, workers, CORS, streaming, code cache). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true, codeCache: true },
    },
  ]);
}

export function serveAppProtocol(rendererRoot: string): void {
  const lookup = fileLookupFor(rendererRoot);
  protocol.handle(APP_SCHEME, (request) => {
    const decision = decideRequest(rendererRoot, request, lookup);
    const init = { status: decision.status, statusText: STATUS_TEXT[decision.status], headers: decision.headers };
    if (decision.file === null) return new Response(request.method === 'HEAD' ? null : STATUS_TEXT[decision.status], init);
    if (request.method === 'HEAD') return new Response(null, init);
    const body = Readable.toWeb(createReadStream(decision.file)) as ReadableStream<Uint8Array>;
    return new Response(body, init);
  });
}
