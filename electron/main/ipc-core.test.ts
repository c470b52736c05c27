// Tests for the IPC gate: sender checks with plain frame-shaped objects, and the argument validators.
import { describe, it, expect } from 'vitest';
import { args, assertTrustedSender, bytes, fileName, noArgs, nullable, oneOf, senderProblem, str, token, type FrameLike, type InvokeEventLike } from './ipc-core.ts';

function eventFrom(frame: FrameLike | null, mainFrame: unknown = frame): InvokeEventLike {
  return { senderFrame: frame, sender: { mainFrame } };
}
const appFrame = (url = 'app://app/index.html'): FrameLike => ({ url, parent: null });

describe('senderProblem', () => {
  it('trusts the top-level frame of the app page', () => {
    expect(senderProblem(eventFrom(appFrame()))).toBeNull();
    expect(senderProblem(eventFrom(appFrame('app://app/index.html#sql')))).toBeNull();
  });

  it('refuses a missing or destroyed frame', () => {
    expect(senderProblem(eventFrom(null))).toMatch(/gone/);
    const throwing = { get senderFrame(): FrameLike { throw new Error('Render frame was disposed'); }, sender: { mainFrame: null } };
    expect(senderProblem(throwing)).toMatch(/gone/);
  });

  it('refuses subframes, even ones on the app origin', () => {
    const top = appFrame();
    const child: FrameLike = { url: 'app://app/index.html', parent: top };
    expect(senderProblem(eventFrom(child, top))).toMatch(/top-level/);
  });

  it('refuses a frame that claims a parent even if it is the main frame (both checks must hold)', () => {
    const odd: FrameLike = { url: 'app://app/index.html', parent: appFrame() };
    expect(senderProblem(eventFrom(odd, odd))).toMatch(/top-level/);
  });

  it('refuses a parentless frame that is not the contents main frame', () => {
    expect(senderProblem(eventFrom(appFrame(), appFrame()))).toMatch(/top-level/);
  });

  it.each(['https://evil.example/', 'file:///tmp/x.html', 'app://evil/index.html', 'app://app.evil/', 'about:blank', ''])(
    'refuses a top-level frame at %s',
    (url) => {
      expect(senderProblem(eventFrom(appFrame(url)))).toMatch(/not the app page/);
    },
  );

  it('assertTrustedSender throws a plain Error naming the channel', () => {
    expect(() => assertTrustedSender(eventFrom(appFrame('https://evil.example/')), 'app:info')).toThrowError(
      /^IPC app:info refused: the sender is not the app page\.$/,
    );
    expect(() => assertTrustedSender(eventFrom(appFrame()), 'app:info')).not.toThrow();
  });
});

describe('validators', () => {
  it('noArgs accepts an empty list and refuses anything else', () => {
    expect(noArgs([])).toEqual([]);
    expect(() => noArgs([undefined])).toThrowError('expected no arguments, got 1');
    expect(() => noArgs(['a', 'b'])).toThrowError('expected no arguments, got 2');
  });

  it('args checks the count and each position', () => {
    const validate = args(str(10), oneOf(['csv', 'parquet'] as const));
    expect(validate(['name.csv', 'csv'])).toEqual(['name.csv', 'csv']);
    expect(() => validate(['name.csv'])).toThrowError('expected 2 argument(s), got 1');
    expect(() => validate(['name.csv', 'csv', 'extra'])).toThrowError('expected 2 argument(s), got 3');
    expect(() => validate([42, 'csv'])).toThrowError('argument 1 must be a string, got number');
    expect(() => validate(['x', 'exe'])).toThrowError('argument 2 must be one of csv, parquet, got string');
    expect(() => validate(['x', null])).toThrowError('argument 2 must be one of csv, parquet, got null');
  });

  it('str enforces its maximum length', () => {
    const part = str(3);
    expect(part('abc', 'argument 1')).toBe('abc');
    expect(() => part('abcd', 'argument 1')).toThrowError('argument 1 is longer than 3 characters');
    expect(() => part(['a'], 'argument 1')).toThrowError('argument 1 must be a string, got an array');
  });

  it('bytes, token, fileName and nullable check a save\'s arguments', () => {
    const validate = args(bytes(4), fileName, nullable(token));
    const t = '0f0e0d0c-0b0a-4908-8706-050403020100';
    expect(validate([Uint8Array.of(1, 2), 'Q4.idmgwb', t])).toEqual([Uint8Array.of(1, 2), 'Q4.idmgwb', t]);
    expect(validate([Buffer.from('ab'), 'Q4.idmgwb', null])[2]).toBeNull();
    expect(() => validate([Uint8Array.of(1, 2, 3, 4, 5), 'a', null])).toThrowError('argument 1 is larger than 4 bytes');
    expect(() => validate([[1, 2], 'a', null])).toThrowError('argument 1 must be bytes (Uint8Array), got an array');
    for (const bad of ['../x.idmgwb', 'a/b', 'a\\b', '', '..', 'a\u0000b', 'x'.repeat(256), 7]) {
      expect(() => validate([Uint8Array.of(1), bad, null])).toThrowError(/argument 2 must be a file name/);
    }
    for (const bad of ['t', t.toUpperCase(), `${t} `, undefined]) expect(() => validate([Uint8Array.of(1), 'a', bad])).toThrowError(/argument 3 must be a file token/);
  });
});
