import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from '../../../shared/sync/canonical.ts';
import { blobAccess, docAccess, authorshipProblem, type Member } from '../../../shared/sync/access.ts';
import { parseDocName, docName } from '../../../shared/sync/docs.ts';
import { parseSubKey, subKeyOf, recordBodySchema, targetOf, type RecordBody } from '../../../shared/sync/record.ts';

describe('canonical record text', () => {
  it('sorts keys at every depth by UTF-16 code unit and writes no whitespace (RFC 8785 examples for this subset)', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: { z: 1, y: { x: 2 } } })).toBe(
      '{"a":[true,null,"x"],"b":1,"c":{"y":{"x":2},"z":1}}',
    );
    // RFC 8785 §3.2.3: sorting by UTF-16 code units, not by code points or locale.
    expect(
      canonicalJson({
        '\u20ac': 'Euro Sign',
        '\r': 'Carriage Return',
        '\ufb33': 'Hebrew Letter Dalet With Dagesh',
        '1': 'One',
        '\ud83d\ude00': 'Emoji: Grinning Face',
        '\u0080': 'Control',
        '\u00f6': 'Latin Small Letter O With Diaeresis',
      }),
    ).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis","€":"Euro Sign","😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
    expect(canonicalJson({ numbers: [333333333.3333333, 1e30, 4.5, 0.002, 1e-27] })).toBe(
      '{"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27]}',
    );
  });

  it('refuses what JSON cannot say the same way twice', () => {
    expect(() => canonicalJson({ value: Number.NaN })).toThrow();
    expect(() => canonicalJson({ value: Number.POSITIVE_INFINITY })).toThrow();
    expect(() => canonicalJson({ value: -0 })).toThrow();
  });

  it('reads back to the same value and is a fixed point', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 }),
    })).value;
    fc.assert(
      fc.property(json, (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });
});

describe('submission keys and document names', () => {
  it('name a submission the same way on every laptop and read back', () => {
    expect(subKeyOf({ regencyCode: '72.01', kind: 'bimtek', stage: 3, year: null })).toBe('72.01/bimtek3');
    expect(parseSubKey('34.04/evaluasi2025')).toEqual({ regencyCode: '34.04', kind: 'evaluation', stage: null, year: 2025 });
  });

  it('parse only our document names', () => {
    for (const name of ['registry', 'panel/72.01/bimtek3', 'draft/3f1c2a/72.01/evaluasi2025', 'regency/72.01']) {
      const parsed = parseDocName(name);
      expect(parsed).not.toBeNull();
      expect(docName(parsed!)).toBe(name);
    }
    for (const name of [
      '',
      'panel/72.01',
      'panel/72.01/bimtek5',
      'draft//72.01/bimtek3',
      'regency/72.1',
      'regency/72.01/x',
      'registry/x',
      '../registry',
    ]) {
      expect(parseDocName(name)).toBeNull();
    }
  });
});

const assessor: Member = { person: 'p-sari', name: 'Sari', role: 'assessor', regencies: [], publicKey: 'k', revokedAfterSeq: null };
const scoped: Member = { ...assessor, person: 'p-budi', regencies: ['34.04'] };
const planner: Member = { person: 'p-dkisp', name: 'Dinas', role: 'planner', regencies: ['72.01'], publicKey: 'k', revokedAfterSeq: null };
const ministry: Member = { person: 'p-komdigi', name: 'Komdigi', role: 'ministry', regencies: [], publicKey: 'k', revokedAfterSeq: null };

describe('who may open which document', () => {
  it('keeps a draft to its author, panels to assessors in scope, and the ministry read-only', () => {
    expect(docAccess(assessor, 'draft/p-sari/72.01/bimtek3')).toBe('write');
    expect(docAccess(assessor, 'draft/p-budi/72.01/bimtek3')).toBe('none');
    expect(docAccess(assessor, 'panel/72.01/bimtek3')).toBe('write');
    expect(docAccess(scoped, 'panel/72.01/bimtek3')).toBe('none');
    expect(docAccess(planner, 'panel/72.01/bimtek3')).toBe('none');
    expect(docAccess(planner, 'regency/72.01')).toBe('write');
    expect(docAccess(planner, 'regency/34.04')).toBe('none');
    expect(docAccess(ministry, 'panel/72.01/bimtek3')).toBe('read');
    expect(docAccess(ministry, 'registry')).toBe('read');
    expect(docAccess(ministry, 'draft/p-komdigi/72.01/bimtek3')).toBe('none');
    expect(docAccess(assessor, 'panel/../../etc')).toBe('none');
  });

  it("gives a document's file the most any document naming it allows, and nothing when none does", () => {
    const draft = 'draft/p-sari/72.01/bimtek3';
    expect(blobAccess(assessor, [draft])).toBe('write');
    expect(blobAccess({ ...assessor, person: 'p-budi' }, [draft])).toBe('none');
    expect(blobAccess(ministry, [draft])).toBe('none');
    expect(blobAccess(ministry, [draft, 'panel/72.01/bimtek3'])).toBe('read');
    expect(blobAccess(planner, ['panel/72.01/bimtek3'])).toBe('none');
    expect(blobAccess(planner, ['panel/72.01/bimtek3', 'regency/72.01'])).toBe('write');
    expect(blobAccess(scoped, ['panel/72.01/bimtek3', 'regency/72.01'])).toBe('none');
    expect(blobAccess(assessor, [])).toBe('none');
  });
});

const envelope = { v: 1 as const, by: 'x', seq: 1_700_000_000_000, at: '2026-11-30T08:00:00.000Z' };
const a = { sub: '72.01/bimtek3', rubric: 'masterplan-review', role: 'assessor' as const, person: 'p-sari' };
const score = (author: string, person = author): RecordBody =>
  recordBodySchema.parse({ ...envelope, author, kind: 'score', a: { ...a, person }, c: 'GOV.1', value: 3, before: null });

describe('who may author which record', () => {
  const members = new Map([assessor, scoped, planner, ministry].map((m) => [m.person, m]));
  it('lets an assessor score their own assessment in their draft and the panel', () => {
    expect(authorshipProblem(score('p-sari'), assessor, 'draft/p-sari/72.01/bimtek3')).toBeNull();
    expect(authorshipProblem(score('p-sari'), assessor, 'panel/72.01/bimtek3')).toBeNull();
  });
  it('refuses a score written for someone else, a planner writing an assessor score, a record replayed into another document, and the ministry', () => {
    expect(authorshipProblem(score('p-sari', 'p-budi'), assessor, 'panel/72.01/bimtek3')).toBe('sync.not_author');
    expect(authorshipProblem(score('p-dkisp'), members.get('p-dkisp')!, 'regency/72.01')).toBe('sync.out_of_role');
    expect(authorshipProblem(score('p-sari'), assessor, 'panel/72.01/bimtek2')).toBe('sync.wrong_document');
    expect(authorshipProblem(score('p-sari'), assessor, 'draft/p-budi/72.01/bimtek3')).toBe('sync.wrong_document');
    expect(authorshipProblem(score('p-budi'), scoped, 'panel/72.01/bimtek3')).toBe('sync.out_of_scope');
    expect(authorshipProblem(score('p-komdigi'), ministry, 'panel/72.01/bimtek3')).toBe('sync.out_of_role');
  });
  it('refuses what a revoked member signed after the revocation, and member records from anyone but the hub', () => {
    expect(authorshipProblem(score('p-sari'), { ...assessor, revokedAfterSeq: envelope.seq - 1 }, 'panel/72.01/bimtek3')).toBe(
      'sync.revoked',
    );
    const member = recordBodySchema.parse({
      ...envelope,
      author: 'p-sari',
      kind: 'member',
      person: 'p-sari',
      name: 'Sari',
      institution: '',
      role: 'ministry',
      regencies: [],
      publicKey: 'k',
      revokedAfterSeq: null,
    });
    expect(authorshipProblem(member, assessor, 'registry')).toBe('sync.out_of_role');
    expect(authorshipProblem(member, null, 'registry')).toBeNull();
  });
  it('takes team settings within the settings ranges, from the hub only, in the registry only', () => {
    const rules = { passMark: 72.5, panelAggregate: 'mean', disagreementTolerance: 25, hideOthersUntilSubmitted: false };
    const settings = recordBodySchema.parse({ ...envelope, author: 'hub:0123456789abcdef', kind: 'settings', ...rules });
    expect(settings).toMatchObject({ kind: 'settings', ...rules });
    expect(targetOf(settings)).toBe('r:settings:hub:0123456789abcdef');
    for (const wrong of [
      { passMark: 0 },
      { passMark: 101 },
      { panelAggregate: 'mode' },
      { disagreementTolerance: -1 },
      { hideOthersUntilSubmitted: 'yes' },
      { language: 'en' },
    ]) {
      expect(
        recordBodySchema.safeParse({ ...envelope, author: 'hub:0123456789abcdef', kind: 'settings', ...rules, ...wrong }).success,
      ).toBe(false);
    }
    const { passMark: _missing, ...withoutPassMark } = rules;
    expect(recordBodySchema.safeParse({ ...envelope, author: 'hub:0123456789abcdef', kind: 'settings', ...withoutPassMark }).success).toBe(
      false,
    );
    expect(authorshipProblem(settings, null, 'registry')).toBeNull();
    expect(authorshipProblem(settings, null, 'panel/72.01/bimtek3')).toBe('sync.out_of_role');
    expect(authorshipProblem({ ...settings, author: 'p-sari' }, assessor, 'registry')).toBe('sync.out_of_role');
  });
  it("lets the lead finalize another assessor's work only in the panel", () => {
    const finalize = recordBodySchema.parse({
      ...envelope,
      author: 'p-sari',
      kind: 'status',
      a: { ...a, person: 'p-budi' },
      from: 'submitted',
      to: 'finalized',
    });
    expect(authorshipProblem(finalize, assessor, 'panel/72.01/bimtek3')).toBeNull();
    expect(authorshipProblem(finalize, assessor, 'draft/p-sari/72.01/bimtek3')).toBe('sync.wrong_document');
    const submit = recordBodySchema.parse({
      ...envelope,
      author: 'p-sari',
      kind: 'status',
      a: { ...a, person: 'p-budi' },
      from: 'draft',
      to: 'submitted',
    });
    expect(authorshipProblem(submit, assessor, 'panel/72.01/bimtek3')).toBe('sync.not_author');
  });
});
