import { UserError } from '../errors.js';
import type { AppContext } from './context.js';

export async function runRollback(_ctx: AppContext, ..._args: unknown[]): Promise<number> {
  throw new UserError('not implemented yet', 1);
}
