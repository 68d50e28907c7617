import { z } from 'zod';

const unit = z.number().min(0).max(1);

export const backfillConfigSchema = z
  .object({
    matching: z
      .object({
        company_auto: unit.default(0.9),
        person_auto: unit.default(0.88),
        review_floor: unit.default(0.75),
        near_tie_margin: z.number().min(0).max(0.5).default(0.02),
        locked_fields: z.array(z.string().min(1)).default(['notes_internal']),
        update_policy: z.enum(['fill_empty', 'prefer_incoming']).default('fill_empty'),
      })
      .strict()
      .prefault({}),
    safety: z
      .object({
        no_duplicate_entries: z.boolean().default(true),
        no_tier3_enrichment: z.literal(true).default(true),
        min_confidence_for_auto_match: unit.default(0.9),
        fallout_bucket_threshold: unit.default(0.9),
      })
      .strict()
      .prefault({}),
    bit: z
      .object({
        weights: z
          .object({
            historical_open: z.number().int().min(0).default(5),
            historical_reply: z.number().int().min(0).default(30),
            historical_meeting: z.number().int().min(0).default(50),
          })
          .strict()
          .prefault({}),
        tiers: z
          .array(z.object({ name: z.string().min(1), min: z.number().int().min(0) }).strict())
          .min(1)
          .default([
            { name: 'cold', min: 0 },
            { name: 'warm', min: 50 },
            { name: 'engaged', min: 100 },
            { name: 'hot', min: 200 },
            { name: 'burning', min: 300 },
          ])
          .refine((t) => t[0]!.min === 0 && t.every((x, i) => i === 0 || x.min > t[i - 1]!.min), {
            message: 'tiers must start at min 0 and have strictly increasing min values',
          }),
      })
      .strict()
      .prefault({}),
    ids: z
      .object({
        company_prefix: z.string().regex(/^[0-9A-Za-z.]+$/).default('04.04.02.04.30000'),
        person_prefix: z.string().regex(/^[0-9A-Za-z.]+$/).default('04.04.02.04.20000'),
        min_digits: z.number().int().min(1).max(12).default(3),
      })
      .strict()
      .prefault({}),
    phone: z
      .object({ default_region: z.string().regex(/^[A-Z]{2}$/, 'a two-letter ISO country code such as "US"').default('US') })
      .strict()
      .prefault({}),
    input: z
      .object({
        max_record_bytes: z.number().int().min(1024).default(1048576),
        max_errors_listed: z.number().int().min(1).default(1000),
      })
      .strict()
      .prefault({}),
    batch: z
      .object({
        write_rows: z.number().int().min(1).max(100000).default(5000),
        read_rows: z.number().int().min(1).max(1000000).default(20000),
      })
      .strict()
      .prefault({}),
    database: z
      .object({
        connect_timeout_ms: z.number().int().min(100).default(10000),
        statement_timeout_ms: z.number().int().min(0).default(300000),
        lock_timeout_ms: z.number().int().min(0).default(10000),
        idle_in_transaction_timeout_ms: z.number().int().min(0).default(60000),
        commit_work_mem_mb: z.number().int().min(1).max(4096).default(128),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .refine((c) => c.matching.review_floor <= Math.min(c.matching.company_auto, c.matching.person_auto), {
    message: 'review_floor must not be above company_auto or person_auto',
    path: ['matching', 'review_floor'],
  });

export type BackfillConfig = z.output<typeof backfillConfigSchema>;
