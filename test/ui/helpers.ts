/** Polls until `check` passes (or throws after `timeoutMs`): frames arrive asynchronously. */
export async function waitFor(check: () => void, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      check();
      return;
    } catch (err) {
      if (Date.now() - start > timeoutMs) throw err;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

export const tick = (ms = 20): Promise<void> => new Promise((r) => setTimeout(r, ms));

export const KEY = { up: '\u001B[A', down: '\u001B[B', right: '\u001B[C', left: '\u001B[D', enter: '\r', esc: '\u001B', tab: '\t', pgDown: '\u001B[6~', ctrlC: '\u0003' };

/**
 * Lets React flush effects before the next key: Ink subscribes a screen's input handler in an
 * effect, so a key written right after a render can reach the previous screen's handler.
 */
export const settle = (): Promise<void> => tick(40);
