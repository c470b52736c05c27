// Engine layer, page only: the native engine's transport in the desktop app — a MessagePort whose other end the
// engine host (an Electron utilityProcess) listens on. Each request carries an id and gets one reply with it; the
// host's bytes arrive without a copy where the port can transfer them. A Blob is read here first (a port carries
// bytes, not files), so a very large import costs its size in the page's memory while it is handed over.
import type { EngineFrame, EngineReply, EngineRequest } from '../../../electron/engine-contract.ts';
import type { EngineTransport } from './native.ts';

interface Reply {
  id: number;
  header: EngineReply;
  bytes?: Uint8Array;
}

export class PortEngineTransport implements EngineTransport {
  private next = 1;
  private readonly pending = new Map<number, (frame: EngineFrame<EngineReply>) => void>();
  private ended: string | null = null;

  constructor(private readonly port: MessagePort) {
    port.onmessage = (event: MessageEvent<Reply>) => {
      const { id, header, bytes } = event.data ?? {};
      const resolve = typeof id === 'number' ? this.pending.get(id) : undefined;
      if (!resolve || !header) return;
      this.pending.delete(id);
      resolve(bytes ? { header, bytes } : { header });
    };
    port.start();
  }

  async send(request: EngineRequest, bytes?: Uint8Array | Blob): Promise<EngineFrame<EngineReply>> {
    const data = bytes instanceof Blob ? new Uint8Array(await bytes.arrayBuffer()) : bytes;
    if (this.ended !== null) return { header: { ok: false, kind: 'engine-stopped', message: this.ended } };
    const id = this.next++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      // Transfer the bytes only when they own their whole buffer: a view into a larger one is copied instead.
      const whole = data !== undefined && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
      this.port.postMessage({ id, header: request, bytes: data }, whole ? [data.buffer as ArrayBuffer] : []);
    });
  }

  /** The host ended (main says so): every waiting and later request answers 'engine-stopped'. */
  stopped(message = 'the engine process ended'): void {
    this.ended = message;
    for (const resolve of this.pending.values()) resolve({ header: { ok: false, kind: 'engine-stopped', message } });
    this.pending.clear();
  }

  close(): void {
    this.stopped('the engine was closed');
    this.port.close();
  }
}

/**
 * The desktop transport: the port is asked for (`connect`, the host's) at the first request — the engine's 'open' —
 * so creating the engine stays synchronous; no port (no host program) answers 'engine-stopped', and the workbench
 * falls back to duckdb-wasm.
 */
export function desktopEngineTransport(connect: (onStopped: () => void) => Promise<MessagePort | null>): EngineTransport {
  let current: PortEngineTransport | null = null;
  const ready = (async () => {
    const port = await connect(() => current?.stopped());
    current = port ? new PortEngineTransport(port) : null;
    return current;
  })();
  return {
    async send(request, bytes) {
      const transport = await ready;
      if (!transport) return { header: { ok: false, kind: 'engine-stopped', message: 'this installation has no native engine' } };
      return transport.send(request, bytes);
    },
    close: async () => (await ready)?.close(),
  };
}
