import { z } from 'zod';

// Word lists and header aliases (SPEC §4: "keep word lists in the rules file, not in code").
// Extend this schema together with config/normalization_rules.json.
export const normalizationRulesSchema = z
  .object({
    header_aliases: z.record(z.string(), z.array(z.string())).default({}),
    personal_email_domains_file: z.string().nullable().default(null),
    personal_email_domains_extra: z.array(z.string()).default([]),
  })
  .passthrough();

export type NormalizationRulesFile = z.output<typeof normalizationRulesSchema>;
