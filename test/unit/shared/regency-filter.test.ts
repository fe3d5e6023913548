import { describe, expect, it } from 'vitest';
import { filterRegencies, regencyAddInputSchema, type Regency } from '../../../shared/domain/regency.ts';

function regency(code: string, name: string, provinceCode: string, provinceName: string, stage: number): Regency {
  const stamp = { createdAt: '2026-01-01T00:00:00Z', createdBy: 'x', updatedAt: '2026-01-01T00:00:00Z', updatedBy: 'x' };
  return { code, name, provinceCode, provinceName, cohortYear: 2022, stage, ...stamp };
}

const list = [
  regency('72.01', 'Kabupaten Banggai', '72', 'Sulawesi Tengah', 3),
  regency('72.71', 'Kota Palu', '72', 'Sulawesi Tengah', 4),
  regency('15.71', 'Kota Jambi', '15', 'Jambi', 2),
];

describe('filterRegencies', () => {
  it('filters by text in name, province or code', () => {
    expect(filterRegencies(list, { query: 'palu' }).map((r) => r.code)).toEqual(['72.71']);
    expect(filterRegencies(list, { query: 'SULAWESI' })).toHaveLength(2);
    expect(filterRegencies(list, { query: '15.7' }).map((r) => r.code)).toEqual(['15.71']);
  });

  it('filters by province and by stage, together with text', () => {
    expect(filterRegencies(list, { provinceCode: '72' })).toHaveLength(2);
    expect(filterRegencies(list, { stage: 2 }).map((r) => r.code)).toEqual(['15.71']);
    expect(filterRegencies(list, { provinceCode: '72', stage: 4, query: 'kota' }).map((r) => r.code)).toEqual(['72.71']);
  });

  it('keeps everything without filters', () => {
    expect(filterRegencies(list, {})).toHaveLength(3);
  });
});

describe('regencyAddInputSchema', () => {
  it('accepts a Kemendagri code, a cohort year and a Bimtek stage', () => {
    expect(regencyAddInputSchema.parse({ code: '72.01', cohortYear: 2022, stage: 3 })).toEqual({
      code: '72.01',
      cohortYear: 2022,
      stage: 3,
    });
  });

  it.each([
    [{ code: '7201', cohortYear: 2022, stage: 3 }],
    [{ code: '72.01', cohortYear: 2016, stage: 3 }],
    [{ code: '72.01', cohortYear: 2022, stage: 5 }],
    [{ code: '72.01', cohortYear: 2022, stage: 2.5 }],
    [{ code: '72.01', cohortYear: '2022', stage: 3 }],
    [{ code: '72.01', cohortYear: 2022, stage: 3, name: 'Hacked' }],
  ])('refuses %j', (input) => {
    expect(regencyAddInputSchema.safeParse(input).success).toBe(false);
  });
});
