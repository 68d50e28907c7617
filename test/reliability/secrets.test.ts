import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { writeScenarioCsv } from '../helpers/scenario.js';

// Scenario 13's failure paths against a loopback fake Postgres server: a real password round trip
// that ends in an authentication failure, and a server that answers with garbage after logging in
// (an unexpected protocol error, run with --debug so the stack is printed). The password reaches
// the server, never the output.

const SENTINEL = 'Fake-Sentinel-Pw-71x';

function message(type: string, body: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeInt32BE(body.length + 4);
  return Buffer.concat([Buffer.from(type), len, body]);
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

function errorResponse(code: string, text: string): Buffer {
  const fields = [`SFATAL`, `VFATAL`, `C${code}`, `M${text}`].map((f) => Buffer.from(`${f}\0`));
  return message('E', Buffer.concat([...fields, Buffer.from('\0')]));
}

/** A server that asks for a cleartext password, records it, then fails or misbehaves. */
async function fakeServer(mode: 'auth_fail' | 'garbage'): Promise<{ port: number; passwords: string[]; close(): void }> {
  const passwords: string[] = [];
  const server = net.createServer((sock) => {
    let stage = 0;
    let buf = Buffer.alloc(0);
    sock.on('error', () => {});
    sock.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      if (stage === 0 && buf.length >= 8) {
        const len = buf.readInt32BE(0);
        if (buf.length < len) return;
        const code = buf.readInt32BE(4);
        buf = buf.subarray(len);
        if (code === 80877103) {
          sock.write('N'); // no SSL
          return;
        }
        stage = 1;
        sock.write(message('R', int32(3))); // AuthenticationCleartextPassword
        return;
      }
      if (stage === 1 && buf.length >= 5 && buf[0] === 'p'.charCodeAt(0)) {
        const len = buf.readInt32BE(1);
        if (buf.length < len + 1) return;
        passwords.push(buf.subarray(5, len).toString('utf8').replace(/\0$/, ''));
        stage = 2;
        if (mode === 'auth_fail') {
          sock.end(errorResponse('28P01', 'password authentication failed for user "alice"'));
        } else {
          sock.write(message('R', int32(0))); // AuthenticationOk
          sock.end(Buffer.from('\x01\x02garbage-not-a-protocol-message\xff\xff\xff\xff'));
        }
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { port: (server.address() as net.AddressInfo).port, passwords, close: () => server.close() };
}

describe('the password never appears, on failure paths', () => {
  it('an authentication failure says so, exit 1, without the password', async () => {
    const srv = await fakeServer('auth_fail');
    try {
      const url = `postgresql://alice:${SENTINEL}@127.0.0.1:${srv.port}/db`;
      const r = await runCli([writeScenarioCsv(), '--yes', '--json', '--database-url', url, '--debug']);
      expect(srv.passwords).toEqual([SENTINEL]); // the server really got it
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('authentication failed');
      expect(r.stderr).toContain(`127.0.0.1:${srv.port}`);
      expect(r.stdout + r.stderr).not.toContain(SENTINEL);
      expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, exit_code: 1, error: { kind: 'DatabaseError' } });
      expect(r.stdout).toContain('authentication failed');
    } finally {
      srv.close();
    }
  });

  it('a server that breaks the protocol after login gives a clean error, even with --debug', async () => {
    const srv = await fakeServer('garbage');
    try {
      const r = await runCli([writeScenarioCsv(), '--yes', '--database-url', `postgresql://alice:${SENTINEL}@127.0.0.1:${srv.port}/db`, '--debug'], { timeoutMs: 60000 });
      expect(srv.passwords).toEqual([SENTINEL]);
      expect(r.code).not.toBe(0);
      expect(r.stdout + r.stderr).not.toContain(SENTINEL);
    } finally {
      srv.close();
    }
  });
});
