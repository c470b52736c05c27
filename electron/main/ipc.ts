// Main-process layer, Electron-bound: the ONE way to expose a main-process function to the page. Every call is
// checked for its sender (top-level frame of app://app) and its arguments (the channel's validator) before the
// handler runs; a refused call rejects the renderer's promise with a plain Error and never reaches the handler.
import { ipcMain, type WebContents } from 'electron';
import type { Channel, ChannelArgs, ChannelResult } from '../contract.ts';
import { assertTrustedSender, type Validator } from './ipc-core.ts';

export function handle<C extends Channel>(
  channel: C,
  validate: Validator<ChannelArgs<C>>,
  fn: (...args: ChannelArgs<C>) => ChannelResult<C> | Promise<ChannelResult<C>>,
): void {
  handleForSender(channel, validate, (_sender, ...args) => fn(...args));
}

/** As `handle`, for the few channels that act on the asking page itself (printing it): the handler gets its sender. */
export function handleForSender<C extends Channel>(
  channel: C,
  validate: Validator<ChannelArgs<C>>,
  fn: (sender: WebContents, ...args: ChannelArgs<C>) => ChannelResult<C> | Promise<ChannelResult<C>>,
): void {
  ipcMain.handle(channel, (event, ...raw: unknown[]) => {
    assertTrustedSender(event, channel);
    let valid: ChannelArgs<C>;
    try {
      valid = validate(raw);
    } catch (error) {
      throw new Error(`IPC ${channel}: invalid arguments: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    return fn(event.sender, ...valid);
  });
}
