import type { LockInfo } from './types.js';

// Which fields a human has claimed (SPEC §6.3). The same rules run in SQL inside the commit's
// UPDATE statement (db/sql/locked-update.ts); this pure copy predicts them for the plan and dry runs.

export type LockReason =
  | 'config_locked_fields'
  | 'locked_fields'
  | 'manual_overrides'
  | 'manually_corrected_email'
  | 'manually_corrected_title'
  | 'manually_corrected_domain';

/** The flag column that locks a field, per field name. */
export const FLAG_FOR_FIELD: Readonly<Record<string, { flag: keyof LockInfo; column: string; reason: LockReason }>> = {
  email: { flag: 'manuallyCorrectedEmail', column: 'manually_corrected_email', reason: 'manually_corrected_email' },
  title: { flag: 'manuallyCorrectedTitle', column: 'manually_corrected_title', reason: 'manually_corrected_title' },
  domain: { flag: 'manuallyCorrectedDomain', column: 'manually_corrected_domain', reason: 'manually_corrected_domain' },
};

/** Why `field` may not be written on a record with `locks`, or null when it may. */
export function lockReason(field: string, locks: LockInfo, globalLocked: readonly string[]): LockReason | null {
  if (globalLocked.includes(field)) return 'config_locked_fields';
  if (locks.lockedFields.includes(field)) return 'locked_fields';
  if (locks.manualOverrideKeys.includes(field)) return 'manual_overrides';
  const flag = FLAG_FOR_FIELD[field];
  if (flag && locks[flag.flag] === true) return flag.reason;
  return null;
}

export type UpdatePolicy = 'fill_empty' | 'prefer_incoming';

/** Whether the policy wants to write `incoming` over `current` (before any lock). */
export function policyWantsWrite(policy: UpdatePolicy, current: string | null | undefined, incoming: string | null | undefined): boolean {
  if (incoming === null || incoming === undefined || incoming === '') return false;
  if (policy === 'fill_empty') return current === null || current === undefined || current === '';
  return current !== incoming;
}
