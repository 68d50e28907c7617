// Database selection and URL masking. A password never leaves this module unmasked except
// inside the driver's connection options.

export interface DatabaseChoice {
  kind: 'embedded' | 'postgres';
  url: string | null; // null for embedded
  source: '--database-url' | 'DATABASE_URL' | 'NEON_DATABASE_URL' | 'embedded';
}

export function chooseDatabase(flagUrl: string | undefined, env: NodeJS.ProcessEnv): DatabaseChoice {
  if (flagUrl) return { kind: 'postgres', url: flagUrl, source: '--database-url' };
  if (env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL, source: 'DATABASE_URL' };
  if (env.NEON_DATABASE_URL) return { kind: 'postgres', url: env.NEON_DATABASE_URL, source: 'NEON_DATABASE_URL' };
  return { kind: 'embedded', url: null, source: 'embedded' };
}

/** The password of a connection URL, or null. */
export function passwordOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.password ? decodeURIComponent(u.password) : null;
  } catch {
    const m = /^[a-z]+:\/\/[^:/@]*:([^@]*)@/i.exec(url);
    return m ? m[1]! : null;
  }
}

/** `postgresql://user:***@host/db` — safe to print. Query parameters named password are masked too. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    for (const key of [...u.searchParams.keys()]) {
      if (/pass|secret|token/i.test(key)) u.searchParams.set(key, '***');
    }
    return u.toString().replace('%2A%2A%2A', '***');
  } catch {
    return url.replace(/^([a-z]+:\/\/[^:/@]*:)[^@]*@/i, '$1***@').replace(/(password=)[^&\s]*/gi, '$1***');
  }
}

export function hostPortOf(url: string): { host: string; port: string } {
  try {
    const u = new URL(url);
    return { host: u.hostname || process.env.PGHOST || 'localhost', port: u.port || process.env.PGPORT || '5432' };
  } catch {
    return { host: '?', port: '?' };
  }
}
