// Everything the field normalizers need, compiled once per run from the resolved configuration.
// Building a context is the only place where word lists are turned into Sets and rules into RegExps,
// so normalizing a row never constructs a regular expression.

import type { BackfillConfig } from '../../config/config-schema.js';
import type { NormalizationRulesFile } from '../../config/rules-schema.js';

export interface CompiledRewrite {
  re: RegExp;
  replacement: string;
}

export interface NormalizeContext {
  /** ISO 3166 alpha-2 region for numbers written without a country code ("US"). */
  defaultRegion: string;
  /** Lower-case personal (free-mail) email domains. */
  personalDomains: Set<string>;

  /** Legal suffixes in lookup form (lower case, no dots/commas/brackets, words joined by one space). */
  companySuffixes: Set<string>;
  /** The longest legal suffix, in words. */
  companySuffixMaxWords: number;
  companyAcronyms: Set<string>;
  companySmallWords: Set<string>;
  companyKeepSuffixWhenLeftOnly: Set<string>;

  namePrefixes: Set<string>;
  nameSuffixes: Set<string>;
  nameParticles: Set<string>;
  macExceptions: Set<string>;

  titleRewrites: CompiledRewrite[];
  /** One regex that matches when any rewrite might apply (skips the whole list for most titles). */
  titleRewriteAny: RegExp | null;
  titleAcronyms: Set<string>;
  titleSmallWords: Set<string>;
}

/** Lookup form of a word-list entry: lower case, dots, commas and brackets removed, spaces collapsed. */
export function suffixLookupForm(s: string): string {
  return s
    .toLowerCase()
    .replace(/[.,()[\]]/g, ' ')
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .join(' ');
}

/** Dotted entries ("s.a.") also match undotted, spaced-out forms ("s a" is listed separately when wanted). */
function lowerSet(list: readonly string[]): Set<string> {
  return new Set(list.map((w) => w.toLowerCase().trim()).filter((w) => w.length > 0));
}

export function createNormalizeContext(input: {
  config: BackfillConfig;
  rules: NormalizationRulesFile;
  personalDomains: Set<string>;
}): NormalizeContext {
  const { config, rules } = input;
  const companySuffixes = new Set<string>();
  let maxWords = 1;
  for (const s of rules.company_name.legal_suffixes) {
    // "L.L.C." -> "llc" (dots dropped inside a word), "Pty. Ltd." -> "pty ltd".
    const form = s
      .toLowerCase()
      .replace(/[.,()[\]]/g, '')
      .trim()
      .split(/\s+/)
      .filter((w) => w.length > 0)
      .join(' ');
    if (form.length === 0) continue;
    companySuffixes.add(form);
    maxWords = Math.max(maxWords, form.split(' ').length);
  }
  const titleRewrites = rules.title.rewrites.map((r) => ({ re: new RegExp(r.pattern, 'gi'), replacement: r.replacement }));
  const titleRewriteAny =
    titleRewrites.length > 0 ? new RegExp(rules.title.rewrites.map((r) => `(?:${r.pattern})`).join('|'), 'i') : null;
  return {
    defaultRegion: config.phone.default_region,
    personalDomains: input.personalDomains,
    companySuffixes,
    companySuffixMaxWords: maxWords,
    companyAcronyms: lowerSet(rules.company_name.acronyms),
    companySmallWords: lowerSet(rules.company_name.small_words),
    companyKeepSuffixWhenLeftOnly: lowerSet(rules.company_name.keep_suffix_when_left_only),
    namePrefixes: new Set(rules.person_name.prefixes.map(suffixLookupForm).map((w) => w.replace(/ /g, ''))),
    nameSuffixes: new Set(rules.person_name.suffixes.map(suffixLookupForm).map((w) => w.replace(/ /g, ''))),
    nameParticles: lowerSet(rules.person_name.particles),
    macExceptions: lowerSet(rules.person_name.mac_exceptions),
    titleRewrites,
    titleRewriteAny,
    titleAcronyms: lowerSet(rules.title.acronyms),
    titleSmallWords: lowerSet(rules.title.small_words),
  };
}
