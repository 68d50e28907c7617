import Conf from 'conf';
import type { ReviewChoice } from '../core/types.js';
import { maskUrl } from '../db/url.js';

// What the wizard remembers between runs (SPEC §8): recent files, the last thresholds, the database
// choice (kind and masked URL: never a password) and review decisions per file, keyed by the file's
// sha256 so that they survive a restart of the wizard on the same (unchanged) file.

export interface StoredThresholds {
  companyAuto: number;
  personAuto: number;
  reviewFloor: number;
}

export interface StoredDatabase {
  kind: 'embedded' | 'postgres';
  maskedUrl: string | null; // postgresql://user:***@host/db
}

export interface SettingsStore {
  recentFiles(): string[];
  addRecentFile(path: string): void;
  lastThresholds(): StoredThresholds | null;
  saveThresholds(t: StoredThresholds): void;
  database(): StoredDatabase | null;
  saveDatabase(kind: 'embedded' | 'postgres', url: string | null): void;
  reviews(sha256: string): Record<string, ReviewChoice>;
  saveReviews(sha256: string, decisions: Record<string, ReviewChoice>): void;
}

interface Shape {
  recentFiles: string[];
  thresholds: StoredThresholds | null;
  database: StoredDatabase | null;
  reviews: Record<string, { savedAt: string; decisions: Record<string, ReviewChoice> }>;
}

const MAX_RECENT = 8;
const MAX_REVIEW_FILES = 30;

function isUnit(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= 1;
}

function cleanReviews(x: unknown): Record<string, ReviewChoice> {
  const out: Record<string, ReviewChoice> = {};
  if (!x || typeof x !== 'object') return out;
  for (const [k, v] of Object.entries(x as Record<string, unknown>)) {
    if (v === 'accept' || v === 'reject' || v === 'defer') out[k] = v;
  }
  return out;
}

/** Settings over any get/set backend (conf on disk, or a Map in tests). Bad stored values read as absent. */
export function settingsOver(get: <K extends keyof Shape>(k: K) => unknown, set: <K extends keyof Shape>(k: K, v: Shape[K]) => void): SettingsStore {
  const recent = (): string[] => {
    const v = get('recentFiles');
    return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
  };
  const allReviews = (): Shape['reviews'] => {
    const v = get('reviews');
    return v && typeof v === 'object' ? (v as Shape['reviews']) : {};
  };
  return {
    recentFiles: recent,
    addRecentFile(path) {
      set('recentFiles', [path, ...recent().filter((p) => p !== path)].slice(0, MAX_RECENT));
    },
    lastThresholds() {
      const t = get('thresholds') as Partial<StoredThresholds> | null | undefined;
      if (!t || !isUnit(t.companyAuto) || !isUnit(t.personAuto) || !isUnit(t.reviewFloor)) return null;
      return { companyAuto: t.companyAuto, personAuto: t.personAuto, reviewFloor: t.reviewFloor };
    },
    saveThresholds(t) {
      set('thresholds', { companyAuto: t.companyAuto, personAuto: t.personAuto, reviewFloor: t.reviewFloor });
    },
    database() {
      const d = get('database') as Partial<StoredDatabase> | null | undefined;
      if (!d || (d.kind !== 'embedded' && d.kind !== 'postgres')) return null;
      return { kind: d.kind, maskedUrl: typeof d.maskedUrl === 'string' ? maskUrl(d.maskedUrl) : null };
    },
    saveDatabase(kind, url) {
      // Only ever the masked form reaches the store.
      set('database', { kind, maskedUrl: url ? maskUrl(url) : null });
    },
    reviews(sha256) {
      return cleanReviews(allReviews()[sha256]?.decisions);
    },
    saveReviews(sha256, decisions) {
      const all = { ...allReviews(), [sha256]: { savedAt: new Date().toISOString(), decisions: { ...decisions } } };
      const keep = Object.entries(all)
        .sort(([, a], [, b]) => (a.savedAt < b.savedAt ? 1 : a.savedAt > b.savedAt ? -1 : 0))
        .slice(0, MAX_REVIEW_FILES);
      set('reviews', Object.fromEntries(keep));
    },
  };
}

/** The on-disk store (conf: $XDG_CONFIG_HOME/backfill-tui/config.json on Linux). */
export function openSettings(opts: { cwd?: string } = {}): SettingsStore {
  const conf = new Conf<Record<string, unknown>>({ projectName: 'backfill-tui', projectSuffix: '', cwd: opts.cwd });
  return settingsOver(
    (k) => conf.get(k),
    (k, v) => conf.set(k, v),
  );
}

/** An in-memory store (tests, or when the config directory cannot be written). */
export function memorySettings(initial: Partial<Shape> = {}): SettingsStore {
  const m = new Map<string, unknown>(Object.entries(initial));
  return settingsOver(
    (k) => m.get(k),
    (k, v) => void m.set(k, structuredClone(v)),
  );
}
