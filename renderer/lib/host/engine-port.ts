// Host layer: the desktop app's native engine port. Main starts the window's engine host and the preload passes
// the port on as a window message tagged ENGINE_PORT_MESSAGE (a port cannot cross the context bridge); this waits
// for that message from the page's own window and origin, and tells `onStopped` when main says the host ended.
import type { WorkbenchApi } from '../../../electron/contract.ts';

/** The window message's tag: electron/contract.ts's ENGINE_PORT_MESSAGE (the host may only import types; a test ties them). */
export const ENGINE_PORT_TAG = 'idmg-engine-port';

/** How long the page waits for the port after main said it sent one. */
const PORT_WAIT_MS = 30_000;

let listening = false;
let stoppedListener: () => void = () => undefined;

export async function desktopEnginePort(api: WorkbenchApi, onStopped: () => void): Promise<MessagePort | null> {
  stoppedListener = onStopped;
  if (!listening) {
    listening = true;
    api.onEngineStopped(() => stoppedListener());
  }
  let finish: (port: MessagePort | null) => void = () => undefined;
  const port = new Promise<MessagePort | null>((resolve) => {
    const timer = setTimeout(() => finish(null), PORT_WAIT_MS);
    const onMessage = (event: MessageEvent): void => {
      if (event.source !== window || event.origin !== location.origin || event.data !== ENGINE_PORT_TAG) return;
      finish(event.ports[0] ?? null);
    };
    finish = (p) => {
      clearTimeout(timer);
      removeEventListener('message', onMessage);
      resolve(p);
    };
    addEventListener('message', onMessage);
  });
  const started = await api.connectEngine().catch(() => false);
  if (!started) finish(null);
  return port;
}
