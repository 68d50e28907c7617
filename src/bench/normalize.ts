// Micro benchmark: normalizeRecord on synthetic, realistically messy records.
// Run after a build: node dist/bench/normalize.js [rows=200000]

import { loadConfig } from '../config/load.js';
import { createNormalizeContext } from '../core/normalize/context.js';
import { normalizeRecord } from '../core/normalize/row.js';
import type { CanonicalColumn, SourceRecord } from '../core/types.js';

const COMPANIES = ['ACME CORPORATION, INC.', 'Globex LLC', 'Initech, Inc', 'Umbrella Corp.', 'Stark Industries', 'Wayne Enterprises Group', 'AT&T Inc.', 'Müller & Söhne GmbH'];
const FIRST = ['John', 'JANE', 'maría', "o'brien", 'Robert "Bob"', 'Dr. Alan', 'mary-kate'];
const LAST = ['Smith', 'MACDONALD', 'van der Berg', 'García', 'Jr. Doe', 'Nguyen'];
const TITLES = ['v.p. of hr operations', 'Sales Manager', 'Chief Executive Officer', 'Sr. Director, Engineering', 'Account Executive', ''];
const PHONES = ['(555) 123-4567', '212-555-0100 x12', '+44 20 7946 0958', '646.555.0199', '', '1 (415) 555-2671'];

function record(i: number): SourceRecord {
  const company = COMPANIES[i % COMPANIES.length]!;
  const first = FIRST[i % FIRST.length]!;
  const last = LAST[(i >> 3) % LAST.length]!;
  const slug = `${first}-${last}-${i}`.toLowerCase().replace(/[^a-z0-9-]/g, '');
  const domain = `company${i % 5000}.com`;
  const values: Partial<Record<CanonicalColumn, string>> = {
    company_name: company,
    company_domain: i % 3 === 0 ? `https://www.${domain}/about` : '',
    company_website: i % 3 === 1 ? `www.${domain}` : '',
    full_name: `${first} ${last}`,
    title: TITLES[i % TITLES.length]!,
    email: i % 4 === 0 ? `${slug}@${domain}; ${slug}@gmail.com` : `${slug}@${domain}`,
    phone: PHONES[i % PHONES.length]!,
    linkedin_url: i % 2 === 0 ? `https://uk.linkedin.com/in/${slug}/` : '',
    historical_open_count: String(i % 40),
    historical_reply_count: i % 7 === 0 ? '' : String(i % 5),
    historical_meeting_count: String(i % 2),
    last_engaged_at: i % 2 === 0 ? '2024-03-15' : '3/15/2024',
    notes: '',
  };
  return { index: i, line: i + 2, raw: values as Record<string, string>, values, issues: [] };
}

const rows = Number(process.argv[2] ?? 200000);
const { config, rules, personalDomains } = loadConfig();
const ctx = createNormalizeContext({ config, rules, personalDomains });
const records = Array.from({ length: rows }, (_, i) => record(i));
for (let i = 0; i < Math.min(20000, rows); i++) normalizeRecord(records[i]!, ctx); // warm up
const start = process.hrtime.bigint();
let valid = 0;
for (const r of records) if (normalizeRecord(r, ctx).valid) valid++;
const ms = Number(process.hrtime.bigint() - start) / 1e6;
process.stdout.write(
  `normalizeRecord: ${rows} rows in ${ms.toFixed(0)} ms = ${Math.round(rows / (ms / 1000)).toLocaleString('en-US')} rows/s (${valid} valid)\n`,
);
