// Main-process layer, IPC handler: each window's native engine. On the page's request main starts the engine host
// (electron/engine-host, built as out/main/engine-host.js) as a utilityProcess — its own process, so a crash or
// running out of memory never takes the window down — and hands the page one end of a MessagePort whose other end
// the host listens on; main carries no query traffic. A window asking again (Restart) gets a fresh host; a window
// that closes ends its host; a host that ends on its own is reported to its window once.
import { app, MessageChannelMain, utilityProcess, type UtilityProcess, type WebContents } from 'electron';
import { existsSync, rmSync } from 'node:fs';
import { ENGINE_PORT_EVENT, ENGINE_STOPPED_EVENT } from '../../contract.ts';
import { engineHostPlan } from '../engine-plan.ts';

const hosts = new Map<number, UtilityProcess>();

export function connectEngine(sender: WebContents): boolean {
  const plan = engineHostPlan(import.meta.dirname, app.getPath('userData'), sender.id);
  if (!existsSync(plan.program)) return false;
  endEngine(sender.id);
  const host = utilityProcess.fork(plan.program, plan.args, { serviceName: 'IDMG Workbench engine', stdio: 'inherit' });
  hosts.set(sender.id, host);
  const { port1, port2 } = new MessageChannelMain();
  host.postMessage({ kind: 'engine-port' }, [port1]);
  sender.postMessage(ENGINE_PORT_EVENT, null, [port2]);
  host.once('exit', () => {
    // A host replaced by a newer one (Restart) ended on request: only the window's current host is reported.
    if (hosts.get(sender.id) === host) {
      hosts.delete(sender.id);
      if (!sender.isDestroyed()) sender.send(ENGINE_STOPPED_EVENT);
    }
    rmSync(plan.dataDir, { recursive: true, force: true });
  });
  sender.once('destroyed', () => endEngine(sender.id));
  return true;
}

function endEngine(windowId: number): void {
  const host = hosts.get(windowId);
  hosts.delete(windowId);
  host?.kill();
}
