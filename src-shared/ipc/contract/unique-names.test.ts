/**
 * The contract is one object spread from every area's channels: a name
 * declared in two areas would silently keep only the later one (the
 * municipality's `decisions:youthProjects` once hid the school's). Every
 * channel name is declared in exactly one area file.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contract } from './index';

describe('channel names', () => {
  it('each is declared in one area file only, and all reach the contract', async () => {
    const files = readdirSync(import.meta.dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts');
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const file of files) {
      // Every sibling area file of this folder, whatever its name: all in src-shared's ipc layer.
      // eslint-disable-next-line local/layer-imports
      const mod = (await import(`./${file}`)) as Record<string, unknown>;
      for (const [exported, value] of Object.entries(mod)) {
        if (!exported.endsWith('Channels') || typeof value !== 'object' || value === null) continue;
        for (const name of Object.keys(value)) {
          const earlier = seen.get(name);
          if (earlier) twice.push(`${name}: ${earlier} and ${file}`);
          seen.set(name, file);
        }
      }
    }
    expect(twice).toEqual([]);
    expect(seen.size).toBeGreaterThan(100);
    expect(Object.keys(contract).sort()).toEqual([...seen.keys()].sort());
  });
});
