import { createHash } from 'node:crypto';
import { tight } from './tight.js';

// BIT and Talent Flow baselines (SPEC §6.4). Pure: weights and tiers come from config.

export interface BitWeights {
  historical_open: number;
  historical_reply: number;
  historical_meeting: number;
}
export interface BitTier {
  name: string;
  min: number;
}
export type SignalType = 'historical_open' | 'historical_reply' | 'historical_meeting';

export interface Engagement {
  opens: number;
  replies: number;
  meetings: number;
  lastEngagedAt: string | null;
}

export function bitScore(e: Pick<Engagement, 'opens' | 'replies' | 'meetings'>, w: BitWeights): number {
  return e.opens * w.historical_open + e.replies * w.historical_reply + e.meetings * w.historical_meeting;
}

/** The tier whose `min` is the highest one not above the score (tiers sorted ascending, first min 0). */
export function bitTier(score: number, tiers: readonly BitTier[]): string {
  let name = tiers[0]!.name;
  for (const t of tiers) if (score >= t.min) name = t.name;
  return name;
}

export interface PlannedSignal {
  type: SignalType;
  count: number;
  weight: number;
}

/** One signal per non-zero kind, in a fixed order. */
export function bitSignals(e: Pick<Engagement, 'opens' | 'replies' | 'meetings'>, w: BitWeights): PlannedSignal[] {
  const out: PlannedSignal[] = [];
  if (e.opens > 0) out.push({ type: 'historical_open', count: e.opens, weight: w.historical_open });
  if (e.replies > 0) out.push({ type: 'historical_reply', count: e.replies, weight: w.historical_reply });
  if (e.meetings > 0) out.push({ type: 'historical_meeting', count: e.meetings, weight: w.historical_meeting });
  return tight(out);
}

/** Sums a person's rows: counts add up, the latest last_engaged_at is kept. */
export function mergeEngagement(a: Engagement, b: Engagement): Engagement {
  let last = a.lastEngagedAt;
  if (b.lastEngagedAt && (!last || Date.parse(b.lastEngagedAt) > Date.parse(last))) last = b.lastEngagedAt;
  return { opens: a.opens + b.opens, replies: a.replies + b.replies, meetings: a.meetings + b.meetings, lastEngagedAt: last };
}

/**
 * Canonical JSON in exactly the text form Postgres prints for jsonb: keys ordered by length then
 * bytes, `"key": value` separated by `, `. The database computes the same hash with
 * md5(jsonb_build_object(...)::text), so the tool and SQL agree (tested against both drivers).
 */
export function canonicalJsonb(obj: Record<string, string | null>): string {
  const keys = Object.keys(obj).sort((x, y) => {
    const bx = Buffer.byteLength(x);
    const by = Buffer.byteLength(y);
    return bx !== by ? bx - by : Buffer.compare(Buffer.from(x), Buffer.from(y));
  });
  return `{${keys.map((k) => `${JSON.stringify(k)}: ${JSON.stringify(obj[k] ?? null)}`).join(', ')}}`;
}

export interface TalentFlowIdentity {
  full_name: string;
  title: string | null;
  company_unique_id: string | null;
  linkedin_url: string | null;
}

/** Talent Flow enrichment hash: MD5 of the canonical JSON of full name, title, company id and LinkedIn URL. */
export function talentFlowHash(p: TalentFlowIdentity): string {
  const json = canonicalJsonb({
    full_name: p.full_name,
    title: p.title,
    company_unique_id: p.company_unique_id,
    linkedin_url: p.linkedin_url,
  });
  return createHash('md5').update(json).digest('hex');
}

/** The same hash as SQL over a people_master row alias `p`. */
export const TALENT_FLOW_HASH_SQL = `md5(jsonb_build_object('full_name', p.full_name, 'title', p.title, 'company_unique_id', p.company_unique_id, 'linkedin_url', p.linkedin_url)::text)`;
