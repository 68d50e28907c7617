import { UserError } from '../errors.js';
import type { AppContext } from '../commands/context.js';

export async function runWizard(_ctx: AppContext, ..._args: unknown[]): Promise<number> {
  throw new UserError('not implemented yet', 1);
}
