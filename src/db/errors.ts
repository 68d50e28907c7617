import { DatabaseError, UserError } from '../errors.js';

// Turns a driver error raised during a run into one clear operator line. The transaction has
// already been rolled back by withTransaction when this is called.

interface PgLikeError {
  code?: string;
  message?: string;
  detail?: string;
  table?: string;
}

export function describeDbError(err: unknown): UserError | null {
  if (err instanceof UserError) return err;
  const e = err as PgLikeError;
  const msg = e?.message ?? '';
  const tail = 'nothing was written (the transaction was rolled back)';
  switch (e?.code) {
    case '55P03':
      return new DatabaseError(`a record the run must change is locked by another session and the lock did not clear within the lock timeout; ${tail}`, 'retry when the other session has finished, or raise database.lock_timeout_ms in the config');
    case '57014':
      return new DatabaseError(`a statement ran past the statement timeout; ${tail}`, 'raise database.statement_timeout_ms in the config, or check the server load');
    case '57P01':
    case '57P02':
    case '57P03':
      return new DatabaseError(`the database server ended the connection (${msg}); ${tail}`, 'check the server, then run again: the run is safe to repeat');
    case '40P01':
      return new DatabaseError(`a deadlock with another session was detected; ${tail}`, 'run again');
    case '25P03':
      return new DatabaseError(`the transaction stayed idle past idle_in_transaction_session_timeout; ${tail}`, 'run again');
    default:
      break;
  }
  if (/Connection terminated|connection.*(closed|lost|ended)|ECONNRESET|EPIPE|Query read timeout|timeout exceeded/i.test(msg)) {
    return new DatabaseError(`the database connection was lost or went silent (${msg.split('\n')[0]}); ${tail}`, 'check the network and the server, then run again: the run is safe to repeat');
  }
  if (e?.code && /^[0-9A-Z]{5}$/.test(e.code)) {
    return new DatabaseError(`the database refused a statement (${e.code}: ${msg.split('\n')[0]}); ${tail}`, null);
  }
  return null;
}
