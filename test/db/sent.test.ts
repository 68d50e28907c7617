import { describe, expect, it } from 'vitest';
import { createTestDatabase, driversToTest, openPgUrl, postgresAvailable } from '../helpers/db.js';

/** Blocks this thread (and its event loop) for `ms`, as a caller's synchronous work does. */
function blockFor(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

describe.runIf(await postgresAvailable())('Db.sent on postgres', () => {
  it('resolves once a statement with a large parameter is all on the wire: the server runs it while this thread is blocked', async () => {
    const t = await createTestDatabase('postgres');
    const a = await openPgUrl(t.url!, 'bf-sent-a');
    const b = await openPgUrl(t.url!, 'bf-sent-b');
    try {
      const ids = Array.from({ length: 600_000 }, (_, i) => `04.04.02.04.20000.${i}`); // ~16 MB of parameter
      // clock_timestamp() when the server executes the statement, which needs all of it.
      const running = a.query<{ started: Date; n: number }>('SELECT clock_timestamp() AS started, cardinality($1::text[]) AS n', [ids]);
      await a.sent();
      blockFor(1500);
      // Without sent(), the rest of the statement waited in this process while it was blocked, and
      // the server could start it only afterwards.
      const after = (await b.query<{ now: Date }>('SELECT clock_timestamp() AS now')).rows[0]!.now;
      const r = (await running).rows[0]!;
      expect(r.n).toBe(600_000);
      expect(after.getTime() - r.started.getTime()).toBeGreaterThan(1000);
    } finally {
      await a.close();
      await b.close();
      await t.drop();
    }
  });
});

describe.each(await driversToTest())('Db.sent on %s', (driver) => {
  it('resolves when nothing is in flight, and a query after it works', async () => {
    const t = await createTestDatabase(driver);
    try {
      await t.db.sent();
      expect((await t.db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await t.drop();
    }
  });
});
