import { afterEach, describe, expect, it, vi } from 'vitest';

describe('NO_COLOR', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('turns every tone off when NO_COLOR is set, and on otherwise', async () => {
    vi.stubEnv('NO_COLOR', '1');
    vi.resetModules();
    const off = await import('../../src/ui/theme.js');
    expect(off.colorEnabled()).toBe(false);
    expect(['accent', 'good', 'warn', 'bad', 'muted'].map((t) => off.tone(t as 'good'))).toEqual([undefined, undefined, undefined, undefined, undefined]);

    vi.stubEnv('NO_COLOR', '');
    vi.resetModules();
    const on = await import('../../src/ui/theme.js');
    expect(on.tone('bad')).toBe('red');
  });
});
