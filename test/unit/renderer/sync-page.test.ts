import { describe, expect, it } from 'vitest';
import { formatRelativeTime } from '../../../shared/format/date.ts';
import { createTranslator } from '../../../shared/i18n/index.ts';
import { groupFingerprint, parseJoinLink } from '../../../renderer/pages/sync/join-link.ts';
import { parseProblem, problemText } from '../../../renderer/pages/sync/problems.ts';
import { connectionState } from '../../../renderer/pages/sync/status.ts';

const TOKEN = `tmb1.3f2a9b01c4d7e812.${'A'.repeat(43)}`;

describe('the join form', () => {
  it('reads the hub and the token from the link the hub prints', () => {
    const link = `timbang://join?hub=${encodeURIComponent('http://192.168.43.1:8787')}&token=${TOKEN}`;
    expect(parseJoinLink(`  ${link} `)).toEqual({ hubUrl: 'http://192.168.43.1:8787', token: TOKEN });
    expect(parseJoinLink(`timbang://join?token=${TOKEN}`)).toEqual({ hubUrl: '', token: TOKEN });
  });

  it('leaves a bare token or address to the schema', () => {
    expect(parseJoinLink(TOKEN)).toBeNull();
    expect(parseJoinLink('http://hub.example:8787')).toBeNull();
    expect(parseJoinLink('timbang://join')).toBeNull();
  });

  it('shows a fingerprint in groups of four, to compare aloud', () => {
    expect(groupFingerprint('3f2a9b01c4d7e812')).toBe('3f2a 9b01 c4d7 e812');
  });
});

describe('problems of records', () => {
  const id = createTranslator('id');
  it('reads a bare code, or a code with its params', () => {
    expect(parseProblem('sync.bad_signature')).toEqual({ code: 'sync.bad_signature', params: {} });
    expect(parseProblem('{"code":"panel.lead_taken","params":{"lead":"Sari"}}')).toEqual({
      code: 'panel.lead_taken',
      params: { lead: 'Sari' },
    });
    expect(parseProblem('panel.lead_taken {"lead":"Sari"}')).toEqual({ code: 'panel.lead_taken', params: { lead: 'Sari' } });
  });

  it('says each in words, filling what a stored code lacks', () => {
    expect(problemText(id, 'sync.bad_signature')).toMatch(/^Tanda tangan catatan tidak cocok/);
    expect(problemText(id, 'panel.lead_taken', { lead: 'penilai lain' })).toBe('Panel ini sudah diketuai penilai lain.');
    expect(problemText(id, '{"code":"sync.auth","params":{"reason":"revoked"}}')).toMatch(/akses Anda sudah dicabut/);
    expect(problemText(id, 'sync.auth')).toMatch(/alasannya tidak disebutkan/);
    expect(problemText(id, 'sync.something_new')).toBe('sync.something_new');
  });
});

describe('relative times', () => {
  const now = new Date('2026-08-14T10:00:00Z');
  it('says how long ago in Bahasa Indonesia and English', () => {
    expect(formatRelativeTime('2026-08-14T09:59:50Z', now, 'id')).toBe('sekarang');
    expect(formatRelativeTime('2026-08-14T09:55:00Z', now, 'id')).toBe('5 menit yang lalu');
    expect(formatRelativeTime('2026-08-14T07:00:00Z', now, 'id')).toBe('3 jam yang lalu');
    expect(formatRelativeTime('2026-08-13T10:00:00Z', now, 'id')).toBe('kemarin');
    expect(formatRelativeTime('2026-08-14T09:55:00Z', now, 'en')).toBe('5 minutes ago');
    expect(formatRelativeTime('not a date', now, 'id')).toBe('not a date');
  });
});

describe('the connection in one word', () => {
  it('is connecting while the first pass reaches for the hub, and offline once a pass failed', () => {
    expect(connectionState({ connected: true, syncing: true, lastError: null })).toBe('connected');
    expect(connectionState({ connected: false, syncing: true, lastError: null })).toBe('connecting');
    expect(connectionState({ connected: false, syncing: true, lastError: 'sync.unreachable {"reason":"ECONNREFUSED"}' })).toBe('offline');
    expect(connectionState({ connected: false, syncing: false, lastError: null })).toBe('offline');
  });
});
