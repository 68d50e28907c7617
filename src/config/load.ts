import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { ConfigError } from '../errors.js';
import { backfillConfigSchema, type BackfillConfig } from './config-schema.js';
import { normalizationRulesSchema, type NormalizationRulesFile } from './rules-schema.js';

/** The package root (one level above dist/ or src/). */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_CONFIG_PATH = join(PACKAGE_ROOT, 'config', 'backfill_config.json');

export interface ResolvedConfig {
  configPath: string;
  rulesPath: string;
  config: BackfillConfig;
  rules: NormalizationRulesFile;
  /** Lower-case personal (free-mail) email domains: the vendored list plus the rules file's extras. */
  personalDomains: Set<string>;
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unknown';
    throw new ConfigError(`cannot read ${what} ${path} (${code})`, 'check the path, or pass --config FILE');
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ConfigError(`${what} ${path} is not valid JSON: ${(err as Error).message}`, 'fix the JSON syntax');
  }
}

/** Formats zod issues as "file: key.path: expected ..." lines. */
export function describeIssues(path: string, issues: z.core.$ZodIssue[]): string {
  return issues
    .map((i) => {
      const key = i.path.length > 0 ? i.path.join('.') : '(top level)';
      return `${path}: ${key}: ${i.message}`;
    })
    .join('\n');
}

function parseWith<T extends z.ZodType>(schema: T, value: unknown, path: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ConfigError(`invalid configuration\n${describeIssues(path, result.error.issues)}`, 'fix the named key, or remove it to use the default');
  }
  return result.data;
}

/**
 * Loads and validates the backfill config and the normalization rules beside it, once, into a fully
 * defaulted typed object. A bad file throws ConfigError (exit 2) naming the file and the key path.
 */
export function loadConfig(configPath: string = DEFAULT_CONFIG_PATH): ResolvedConfig {
  const absConfig = resolve(configPath);
  const config = parseWith(backfillConfigSchema, readJson(absConfig, 'config file'), absConfig);
  let rulesPath = join(dirname(absConfig), 'normalization_rules.json');
  let rulesRaw: unknown;
  try {
    rulesRaw = readJson(rulesPath, 'normalization rules');
  } catch (err) {
    // A custom config without rules beside it uses the package's rules.
    const fallback = join(PACKAGE_ROOT, 'config', 'normalization_rules.json');
    if (rulesPath === fallback) throw err;
    rulesPath = fallback;
    rulesRaw = readJson(rulesPath, 'normalization rules');
  }
  const rules = parseWith(normalizationRulesSchema, rulesRaw, rulesPath);
  const personalDomains = new Set<string>();
  if (rules.personal_email_domains_file) {
    const listPath = resolve(dirname(rulesPath), rules.personal_email_domains_file);
    const list = readJson(listPath, 'personal email domain list');
    if (!Array.isArray(list) || !list.every((d) => typeof d === 'string')) {
      throw new ConfigError(`${listPath}: expected a JSON array of domain strings`);
    }
    for (const d of list) personalDomains.add(d.toLowerCase());
  }
  for (const d of rules.personal_email_domains_extra) personalDomains.add(d.toLowerCase());
  return { configPath: absConfig, rulesPath, config, rules, personalDomains };
}
