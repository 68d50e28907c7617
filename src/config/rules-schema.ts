import { z } from 'zod';

// Word lists and header aliases (SPEC §4: "keep word lists in the rules file, not in code").
// Extend this schema together with config/normalization_rules.json. Every list has a default so that
// an older rules file without the key still loads; the defaults are deliberately short — the shipped
// rules file is the reference.

const words = (defaults: string[]) => z.array(z.string().min(1)).default(defaults);

/** One ordered rewrite rule: a regular expression source (compiled with flags "gi": case-insensitive, ASCII \b) and its replacement. */
const rewriteRule = z
  .object({
    pattern: z.string().min(1).refine(
      (p) => {
        try {
          new RegExp(p, 'gi');
          return true;
        } catch {
          return false;
        }
      },
      { message: 'not a valid regular expression' },
    ),
    replacement: z.string(),
  })
  .strict();
export type RewriteRule = z.output<typeof rewriteRule>;

export const normalizationRulesSchema = z
  .object({
    header_aliases: z.record(z.string(), z.array(z.string())).default({}),
    personal_email_domains_file: z.string().nullable().default(null),
    personal_email_domains_extra: z.array(z.string()).default([]),

    company_name: z
      .object({
        /** Legal-form suffixes stripped (repeatedly) from the end of a name; dots and case are ignored. */
        legal_suffixes: words(['inc', 'incorporated', 'llc', 'ltd', 'limited', 'corp', 'corporation', 'co', 'company', 'group']),
        /** Words kept in upper case whatever the input case (IBM, AT&T...). */
        acronyms: words(['ibm', 'at&t']),
        /** Words written in lower case inside a name (not first). */
        small_words: words(['of', 'and', 'the', 'for', 'in', 'on', 'at', 'by', 'de', 'du', 'des', 'la', 'le']),
        /** A name made of only these words after stripping keeps its suffix ("The Company" stays). */
        keep_suffix_when_left_only: words(['the', 'a', 'an']),
      })
      .strict()
      .prefault({}),

    person_name: z
      .object({
        prefixes: words(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof']),
        suffixes: words(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md']),
        /** Name particles written in lower case when not the first word (van der Berg, da Silva). */
        particles: words(['van', 'von', 'der', 'den', 'de', 'da', 'di', 'del', 'della', 'du', 'la', 'le']),
        /** Names starting with "mac" that are NOT Mac+Capital (Mack, Macy, Machado...). */
        mac_exceptions: words(['mack', 'macy', 'machado', 'macias', 'mackie']),
      })
      .strict()
      .prefault({}),

    title: z
      .object({
        /** Ordered rewrites applied to the raw title (case-insensitive, Unicode), before casing. */
        rewrites: z.array(rewriteRule).default([]),
        /** Words written in upper case (VP, CEO, HR...). */
        acronyms: words(['vp', 'svp', 'evp', 'ceo', 'cfo', 'coo', 'cto', 'cio', 'cmo', 'hr', 'it']),
        /** Words written in lower case when not first (of, and, the...). */
        small_words: words(['of', 'and', 'the', 'for', 'in', 'on', 'at', 'to', 'a', 'an', 'by', 'with']),
      })
      .strict()
      .prefault({}),
  })
  .passthrough();

export type NormalizationRulesFile = z.output<typeof normalizationRulesSchema>;
