import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memorySettings, openSettings } from '../../src/ui/settings-store.js';

describe('settings store', () => {
  it('keeps recent files newest first, without duplicates, at most 8', () => {
    const s = memorySettings();
    for (let i = 0; i < 10; i++) s.addRecentFile(`/f${i}.csv`);
    s.addRecentFile('/f5.csv');
    expect(s.recentFiles()).toEqual(['/f5.csv', '/f9.csv', '/f8.csv', '/f7.csv', '/f6.csv', '/f4.csv', '/f3.csv', '/f2.csv']);
  });

  it('stores the database choice with a masked URL, never the password', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bf-conf-'));
    const s = openSettings({ cwd: dir });
    s.saveDatabase('postgres', 'postgresql://admin:s3cr3t-pw@db.example.com:5432/crm');
    expect(s.database()).toEqual({ kind: 'postgres', maskedUrl: 'postgresql://admin:***@db.example.com:5432/crm' });
    const text = readFileSync(join(dir, 'config.json'), 'utf8');
    expect(text).not.toContain('s3cr3t-pw');
  });

  it('remembers thresholds and review decisions per file hash across instances, ignoring bad values', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bf-conf-'));
    const a = openSettings({ cwd: dir });
    a.saveThresholds({ companyAuto: 0.93, personAuto: 0.9, reviewFloor: 0.7 });
    a.saveReviews('sha-a', { 'company:x': 'accept', 'person:y': 'defer' });
    const b = openSettings({ cwd: dir });
    expect(b.lastThresholds()).toEqual({ companyAuto: 0.93, personAuto: 0.9, reviewFloor: 0.7 });
    expect(b.reviews('sha-a')).toEqual({ 'company:x': 'accept', 'person:y': 'defer' });
    expect(b.reviews('sha-other')).toEqual({});
    expect(memorySettings({ thresholds: { companyAuto: 7, personAuto: 0.9, reviewFloor: 0.7 } }).lastThresholds()).toBeNull();
    expect(memorySettings({ reviews: { s: { savedAt: 'x', decisions: { k: 'maybe' as never, j: 'reject' } } } }).reviews('s')).toEqual({ j: 'reject' });
  });
});
