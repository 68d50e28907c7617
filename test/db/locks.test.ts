import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireRunLock, releaseRunLock } from '../../src/db/advisory-lock.js';
import { acquireDirLock } from '../../src/db/dir-lock.js';
import { openPg } from '../../src/db/pg-driver.js';
import { LockHeldError } from '../../src/errors.js';
import { createPgDatabaseUrl, postgresAvailable } from '../helpers/db.js';

const HAS_PG = await postgresAvailable();

describe('run lock on a server', () => {
  it.runIf(HAS_PG)('refuses a second backfill with exit 4, naming the holder’s process id, and frees the lock on release', async () => {
    const t = await createPgDatabaseUrl();
    const open = (pid: string) =>
      openPg({ url: t.url, applicationName: `backfill-tui ${pid}`, connectTimeoutMs: 5000, statementTimeoutMs: 10000, lockTimeoutMs: 5000, idleInTransactionTimeoutMs: 10000 });
    const a = await open('PRC-BF-HOLDER');
    const b = await open('PRC-BF-SECOND');
    try {
      await acquireRunLock(a);
      const err = await acquireRunLock(b).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LockHeldError);
      expect((err as LockHeldError).exitCode).toBe(4);
      expect((err as Error).message).toContain('PRC-BF-HOLDER');
      await releaseRunLock(a);
      await expect(acquireRunLock(b)).resolves.toBeUndefined();
    } finally {
      await a.close();
      await b.close();
      await t.drop();
    }
  });

  it.runIf(HAS_PG)('is one lock per database: a backfill on another database of the server neither blocks nor is named', async () => {
    const [t1, t2] = [await createPgDatabaseUrl(), await createPgDatabaseUrl()];
    const open = (url: string, pid: string) =>
      openPg({ url, applicationName: `backfill-tui ${pid}`, connectTimeoutMs: 5000, statementTimeoutMs: 10000, lockTimeoutMs: 5000, idleInTransactionTimeoutMs: 10000 });
    // Holders on the other database first: a lookup across databases would find them first.
    const others = await Promise.all([1, 2, 3].map((i) => open(t2.url, `PRC-BF-OTHER-DB-${i}`)));
    const a = await open(t1.url, 'PRC-BF-HOLDER');
    const b = await open(t1.url, 'PRC-BF-SECOND');
    try {
      await acquireRunLock(others[0]!);
      await acquireRunLock(a); // not blocked by the other database's run
      const err = await acquireRunLock(b).catch((e: unknown) => e);
      expect((err as Error).message).toContain('PRC-BF-HOLDER');
      expect((err as Error).message).not.toContain('OTHER-DB');
    } finally {
      for (const c of [a, b, ...others]) await c.close();
      await t1.drop();
      await t2.drop();
    }
  });

  it.runIf(HAS_PG)('is released when the holder’s connection dies', async () => {
    const t = await createPgDatabaseUrl();
    const open = (pid: string) =>
      openPg({ url: t.url, applicationName: `backfill-tui ${pid}`, connectTimeoutMs: 5000, statementTimeoutMs: 10000, lockTimeoutMs: 5000, idleInTransactionTimeoutMs: 10000 });
    const a = await open('PRC-BF-DIES');
    const b = await open('PRC-BF-NEXT');
    try {
      await acquireRunLock(a);
      await a.close(); // the session ends: the server frees its advisory locks
      await expect(acquireRunLock(b)).resolves.toBeUndefined();
    } finally {
      await b.close();
      await t.drop();
    }
  });
});

describe('embedded data directory lock', () => {
  it('refuses when a live process holds the directory, naming its process id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bf-lock-'));
    writeFileSync(join(dir, 'backfill-tui.lock'), JSON.stringify({ pid: process.ppid, processId: 'PRC-BF-OTHER', startedAt: 'now' }));
    expect(() => acquireDirLock(dir, 'PRC-BF-ME')).toThrow(/PRC-BF-OTHER/);
  });

  it('takes over a stale lock left by a dead process and removes it on release', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bf-lock-'));
    writeFileSync(join(dir, 'backfill-tui.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, processId: 'PRC-BF-DEAD', startedAt: 'then' }));
    const lock = acquireDirLock(dir, 'PRC-BF-ME');
    expect(JSON.parse(readFileSync(lock.path, 'utf8')).processId).toBe('PRC-BF-ME');
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
  });
});
