import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../src/db/types.js';
import { migrate } from '../../src/db/migrate.js';
import { createPgDatabaseUrl, openPgUrl } from './db.js';
import { seedMaster } from './seed.js';

// A small, hand-made scenario with every kind of case; the expectations in the tests follow it.
export const SCENARIO_CSV = [
  'Company,Website,Full Name,Title,Email Address,Phone,LinkedIn,historical_open_count,historical_reply_count,historical_meeting_count,last_engaged_at,Notes,crm_owner',
  // 2: perfect company by domain, perfect person by email; title is locked in master
  '"ACME CORPORATION, INC.",https://www.Acme.com/about,"Mr. JOHN SMITH, Jr.",v.p. of sales,"John.Smith@acme.com; jsmith@gmail.com",(555) 123-4567,,20,3,1,2024-03-01,"multi\nline note",dana',
  // 4: perfect person by LinkedIn variant; company by domain from website
  'Globex Corp,globex.com,Jane Doe,Director of Marketing,,,HTTP://LinkedIn.com/in/JaneDoe/?trk=x,5,0,0,,,',
  // 5: new company and person
  'Newco LLC,newco.io,Ann Lee,CEO,ann@newco.io,,,0,1,0,01/15/2024,,',
  // 6: same new company and person again (in-file dedupe), more engagement
  'NEWCO,http://newco.io,Ann Lee,Chief Executive Officer,ann@newco.io,,,10,0,0,2024-02-01,,',
  // 7: invalid: no full name
  'Initech,initech.com,,Engineer,bob@initech.com,,,1,0,0,,,',
  // 8: exact duplicate of line 5
  'Newco LLC,newco.io,Ann Lee,CEO,ann@newco.io,,,0,1,0,01/15/2024,,',
  // 9: invalid count
  'Umbrella,umbrella.com,Al Wesker,CTO,al@umbrella.com,,,-3,0,0,,,',
].join('\n') + '\n';

export function writeScenarioCsv(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bf-scn-'));
  const path = join(dir, 'legacy.csv');
  writeFileSync(path, SCENARIO_CSV);
  return path;
}

export async function seedScenario(db: Db): Promise<void> {
  await migrate(db);
  await seedMaster(
    db,
    [
      { id: 'C-ACME', name: 'ACME CORP', domain: 'ACME.COM' },
      { id: 'C-GLOBEX', name: 'Globex Corporation', domain: 'globex.com' },
    ],
    [
      { id: 'P-JOHN', companyId: 'C-ACME', fullName: 'John Smith', first: 'John', last: 'Smith', email: 'John.Smith@Acme.com', correctedTitle: true },
      { id: 'P-JANE', companyId: 'C-GLOBEX', fullName: 'Jane Doe', first: 'Jane', last: 'Doe', linkedin: 'https://www.linkedin.com/in/janedoe' },
    ],
  );
}

/** A fresh Postgres database with the scenario's master records (for CLI spawn tests). */
export async function createScenarioPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const t = await createPgDatabaseUrl();
  const db = await openPgUrl(t.url);
  try {
    await seedScenario(db);
  } finally {
    await db.close();
  }
  return t;
}
