import { loadConfig } from '../../../src/config/load.js';
import { createNormalizeContext, type NormalizeContext } from '../../../src/core/normalize/context.js';

let cached: NormalizeContext | null = null;

/** The context built from the package's shipped config and rules, as the CLI builds it. */
export function testContext(): NormalizeContext {
  if (cached === null) {
    const { config, rules, personalDomains } = loadConfig();
    cached = createNormalizeContext({ config, rules, personalDomains });
  }
  return cached;
}
