// Defence in depth: every byte written to stdout/stderr passes through a redactor that replaces
// registered secrets (the database password) with ***. Explicit masking stays the first line.

const secrets = new Set<string>();

export function registerSecret(secret: string | null | undefined): void {
  if (secret && secret.length >= 1) {
    secrets.add(secret);
    try {
      const enc = encodeURIComponent(secret);
      if (enc !== secret) secrets.add(enc);
    } catch {
      /* lone surrogate: keep the raw form only */
    }
  }
}

export function redact(text: string): string {
  let out = text;
  for (const s of secrets) {
    if (out.includes(s)) out = out.split(s).join('***');
  }
  return out;
}

let installed = false;
/** Wraps process.stdout/stderr.write so that registered secrets never reach the terminal. */
export function installOutputRedaction(): void {
  if (installed) return;
  installed = true;
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    (stream as unknown as { write: (...args: unknown[]) => boolean }).write = (chunk: unknown, ...rest: unknown[]) => {
      if (secrets.size > 0) {
        if (typeof chunk === 'string') chunk = redact(chunk);
        else if (chunk instanceof Uint8Array) chunk = redact(Buffer.from(chunk).toString('utf8'));
      }
      return original(chunk, ...rest);
    };
  }
}
