// Main-process layer, pure: the two checks every IPC call passes before a handler runs — who is asking (the
// top-level frame of our own app://app page, never an iframe or a foreign page) and with what (arguments that
// match the channel's shape). Kept free of Electron imports so vitest can exercise it with plain objects.
import { isPlainFileName, TOKEN_PATTERN } from '../contract.ts';
import { isAppUrl } from './app-url.ts';

/** The parts of Electron's IpcMainInvokeEvent we rely on (structurally compatible with it). */
export interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
}
export interface InvokeEventLike {
  readonly senderFrame: FrameLike | null | undefined;
  readonly sender: { readonly mainFrame: unknown };
}

/** Why the sender is not trusted, or null when it is. */
export function senderProblem(event: InvokeEventLike): string | null {
  let frame: FrameLike | null | undefined;
  try {
    frame = event.senderFrame;
  } catch {
    return 'the sending frame is gone';
  }
  if (frame === null || frame === undefined) return 'the sending frame is gone';
  if (frame.parent !== null || frame !== event.sender.mainFrame) return 'the sender is not the top-level frame';
  if (!isAppUrl(frame.url)) return 'the sender is not the app page';
  return null;
}

export function assertTrustedSender(event: InvokeEventLike, channel: string): void {
  const problem = senderProblem(event);
  if (problem !== null) throw new Error(`IPC ${channel} refused: ${problem}.`);
}

/** Turns the raw argument list into the channel's typed arguments, or throws a plain Error saying what is wrong. */
export type Validator<A extends unknown[]> = (args: readonly unknown[]) => A;

/** Checks one argument; `name` is its position label used in messages. */
export type Part<T> = (value: unknown, name: string) => T;

export const noArgs: Validator<[]> = (args) => {
  if (args.length !== 0) throw new Error(`expected no arguments, got ${args.length}`);
  return [];
};

type PartsOut<P extends readonly Part<unknown>[]> = { -readonly [K in keyof P]: P[K] extends Part<infer T> ? T : never };

/** A fixed-length argument list, each position checked by its part. */
export function args<P extends readonly Part<unknown>[]>(...parts: P): Validator<PartsOut<P>> {
  return (raw) => {
    if (raw.length !== parts.length) throw new Error(`expected ${parts.length} argument(s), got ${raw.length}`);
    return parts.map((part, i) => part(raw[i], `argument ${i + 1}`)) as PartsOut<P>;
  };
}

export function str(maxLength: number): Part<string> {
  return (value, name) => {
    if (typeof value !== 'string') throw new Error(`${name} must be a string, got ${describe(value)}`);
    if (value.length > maxLength) throw new Error(`${name} is longer than ${maxLength} characters`);
    return value;
  };
}

/** A whole number from `min` to `max`. */
export function int(min: number, max: number): Part<number> {
  return (value, name) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new Error(`${name} must be a whole number, got ${describe(value)}`);
    if (value < min || value > max) throw new Error(`${name} must be between ${min} and ${max}, got ${value}`);
    return value;
  };
}

export function oneOf<const T extends string>(allowed: readonly T[]): Part<T> {
  return (value, name) => {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      throw new Error(`${name} must be one of ${allowed.join(', ')}, got ${describe(value)}`);
    }
    return value as T;
  };
}

/** Bytes (a Uint8Array; a Node Buffer is one) of at most `maxLength`. */
export function bytes(maxLength: number): Part<Uint8Array> {
  return (value, name) => {
    if (!(value instanceof Uint8Array)) throw new Error(`${name} must be bytes (Uint8Array), got ${describe(value)}`);
    if (value.length > maxLength) throw new Error(`${name} is larger than ${maxLength} bytes`);
    return value;
  };
}

/** A token the main process handed out (a random UUID). */
export const token: Part<string> = (value, name) => {
  if (typeof value !== 'string' || !TOKEN_PATTERN.test(value)) throw new Error(`${name} must be a file token, got ${describe(value)}`);
  return value;
};

/** A file name with no folder in it (contract's isPlainFileName). */
export const fileName: Part<string> = (value, name) => {
  if (!isPlainFileName(value)) throw new Error(`${name} must be a file name without a folder, got ${describe(value)}`);
  return value;
};

/** `part`, or null. */
export function nullable<T>(part: Part<T>): Part<T | null> {
  return (value, name) => (value === null ? null : part(value, name));
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
