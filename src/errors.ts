// Errors an operator can fix carry a hint and an exit code (SPEC §2). Anything else is a bug and
// shows its stack only with --debug.

export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  badCsv: 3,
  locked: 4,
  interrupted: 130,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class UserError extends Error {
  readonly exitCode: ExitCode;
  readonly hint: string | null;
  constructor(message: string, exitCode: ExitCode, hint: string | null = null) {
    super(message);
    this.name = 'UserError';
    this.exitCode = exitCode;
    this.hint = hint;
  }
}

export class UsageError extends UserError {
  constructor(message: string, hint: string | null = 'run `backfill-tui --help` for the commands and flags') {
    super(message, EXIT.usage, hint);
    this.name = 'UsageError';
  }
}

export class ConfigError extends UserError {
  constructor(message: string, hint: string | null = null) {
    super(message, EXIT.usage, hint);
    this.name = 'ConfigError';
  }
}

export class CsvUnusableError extends UserError {
  constructor(message: string, hint: string | null = null) {
    super(message, EXIT.badCsv, hint);
    this.name = 'CsvUnusableError';
  }
}

export class LockHeldError extends UserError {
  constructor(message: string, hint: string | null = 'wait for the other run to finish, or check `backfill-tui runs`') {
    super(message, EXIT.locked, hint);
    this.name = 'LockHeldError';
  }
}

export class DatabaseError extends UserError {
  constructor(message: string, hint: string | null = null) {
    super(message, EXIT.failed, hint);
    this.name = 'DatabaseError';
  }
}

export class InterruptedError extends UserError {
  constructor(message = 'interrupted by the operator; nothing was written') {
    super(message, EXIT.interrupted, null);
    this.name = 'InterruptedError';
  }
}
