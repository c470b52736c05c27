// Engine host layer, the program's entry: the same code runs as an Electron utilityProcess (messages on the
// MessagePort main hands over on process.parentPort) and as a Node child process forked with serialization 'advanced' (process.send), so the
// desktop app, web mode's server and the tests all talk to one host. Every message in gets exactly one message out
// with the same id; a header that fails the contract's check is answered 'bad-request' and never reaches DuckDB.
import { parseArgs } from 'node:util';
import { parseEngineRequest, type EngineReply } from '../engine-contract.ts';
import { EngineHost } from './host.ts';

interface Incoming {
  id: number;
  header: unknown;
  bytes?: Uint8Array;
}

interface Outgoing {
  id: number;
  header: EngineReply;
  bytes?: Uint8Array;
}

/** Electron's MessagePortMain, as far as the host uses it: typed here because the host may not import electron. */
interface PortLike {
  on(event: 'message', listener: (event: { data: unknown; ports?: PortLike[] }) => void): void;
  on(event: 'close', listener: () => void): void;
  postMessage(message: unknown): void;
  start?(): void;
}
/** Electron's utilityProcess parent port. */
type ParentPort = PortLike;

function options(): { dataDir: string; memoryLimit?: string; threads?: number } {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { 'data-dir': { type: 'string' }, 'memory-limit': { type: 'string' }, threads: { type: 'string' } },
    strict: false,
  });
  const dataDir = values['data-dir'];
  if (typeof dataDir !== 'string' || dataDir === '') {
    process.stderr.write('engine host: --data-dir <dir> is required\n');
    process.exit(2);
  }
  const memoryLimit = typeof values['memory-limit'] === 'string' ? values['memory-limit'] : undefined;
  const threads = typeof values.threads === 'string' ? Number(values.threads) : undefined;
  return { dataDir, memoryLimit, threads };
}

function isIncoming(value: unknown): value is Incoming {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return typeof m.id === 'number' && (m.bytes === undefined || m.bytes instanceof Uint8Array);
}

const host = new EngineHost(options());

async function answer(message: unknown, send: (out: Outgoing) => void): Promise<void> {
  if (!isIncoming(message)) {
    const id = typeof (message as { id?: unknown })?.id === 'number' ? (message as { id: number }).id : -1;
    send({ id, header: { ok: false, kind: 'bad-request', message: 'A message must be { id, header, bytes? }.' } });
    return;
  }
  const request = parseEngineRequest(message.header);
  if (!request) {
    send({ id: message.id, header: { ok: false, kind: 'bad-request', message: 'The request header is not a valid engine request.' } });
    return;
  }
  const reply = await host.handle(request, message.bytes);
  send(reply.bytes ? { id: message.id, header: reply.header, bytes: reply.bytes } : { id: message.id, header: reply.header });
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (parentPort) {
  // The desktop app: main hands over one end of a MessagePort whose other end the window holds, and requests come
  // straight from the page on it (main carries no query traffic). When the window's end closes, the host is done.
  parentPort.on('message', (event) => {
    const port = event.ports?.[0];
    if (!port) return;
    port.on('message', (e) => void answer(e.data, (out) => port.postMessage(out)));
    port.on('close', () => process.exit(0));
    port.start?.();
  });
} else if (process.send) {
  process.on('message', (message) => void answer(message, (out) => process.send?.(out)));
  // The parent went away (closed, crashed): nobody can ask anything any more.
  process.on('disconnect', () => process.exit(0));
} else {
  process.stderr.write('engine host: start me as an Electron utilityProcess or with child_process.fork\n');
  process.exit(2);
}
