/**
 * The built preload, run the way a sandboxed window runs it: CommonJS with
 * only `electron` to require. It must know every contract channel and event,
 * forward only those, and stay small.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CHANNELS, EVENT_NAMES } from '../src-shared/ipc/contract/index';
import { EVENT_CHANNEL_PREFIX, INVOKE_CHANNEL, type PumpursBridgeApi } from '../src-shared/ipc/bridge-api';
// @ts-expect-error: a plain .mjs build script without types
import { buildPreload, contractNames } from './build-preload.mjs';

async function loadPreload() {
  const result = (await buildPreload({ write: false })) as { outputFiles: { path: string; text: string }[] };
  const code = result.outputFiles.find((f) => f.path.endsWith('.cjs'))?.text ?? '';
  const invoked: unknown[][] = [];
  const listening: string[] = [];
  let exposed: { key: string; api: PumpursBridgeApi } | null = null;
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: PumpursBridgeApi) => (exposed = { key, api }) },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        invoked.push(args);
        return Promise.resolve({ ok: true, value: null });
      },
      on: (channel: string) => listening.push(channel),
      removeListener: () => undefined,
    },
  };
  const module = { exports: {} };
  runInNewContext(code, {
    module,
    exports: module.exports,
    require: (name: string) => {
      if (name !== 'electron') throw new Error(`the sandboxed preload may require only electron, not ${name}`);
      return electron;
    },
  });
  if (!exposed) throw new Error('the preload exposed nothing');
  return { code, exposed: exposed as { key: string; api: PumpursBridgeApi }, invoked, listening };
}

describe('the built preload', () => {
  it('is written with exactly the contract names', async () => {
    expect(await contractNames()).toEqual({ channels: [...CHANNELS].sort(), events: [...EVENT_NAMES].sort() });
  });

  it('stays small: no zod, no schemas', async () => {
    const { code } = await loadPreload();
    expect(code.length).toBeLessThan(20_000);
    expect(code).not.toContain('ZodError');
  });

  it('exposes window.pumpurs and forwards contract channels only', async () => {
    const { exposed, invoked } = await loadPreload();
    expect(exposed.key).toBe('pumpurs');
    for (const channel of CHANNELS) await exposed.api.invoke(channel, { x: 1 });
    expect(invoked).toEqual(CHANNELS.map((channel) => [INVOKE_CHANNEL, channel, { x: 1 }]));
    for (const bad of ['fs:read', 'pumpurs:invoke', '__proto__', 'constructor', 42]) {
      expect(await exposed.api.invoke(bad as string, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
    expect(invoked).toHaveLength(CHANNELS.length);
  });

  it('listens to contract events only', async () => {
    const { exposed, listening } = await loadPreload();
    for (const event of EVENT_NAMES) exposed.api.on(event, () => undefined);
    exposed.api.on('ipc:anything', () => undefined);
    expect(listening).toEqual(EVENT_NAMES.map((event) => EVENT_CHANNEL_PREFIX + event));
  });
});
