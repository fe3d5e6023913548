import { describe, expect, it } from 'vitest';
import { personLabels, shortId } from '../../../shared/assessment/people.ts';

describe('people on screen', () => {
  it('are their names, and where two share a name (whatever its case or spacing), the start of their ids as well', () => {
    const labels = personLabels([
      { id: '0428e3c1-aaaa-4bbb-8ccc-000000000001', name: 'Budi Santoso' },
      { id: 'f0e29f77-aaaa-4bbb-8ccc-000000000002', name: 'budi santoso ' },
      { id: '11111111-aaaa-4bbb-8ccc-000000000003', name: 'Dr. Sari' },
    ]);
    expect([...labels.values()]).toEqual(['Budi Santoso · #0428e3', 'budi santoso  · #f0e29f', 'Dr. Sari']);
  });

  it('shortens an id to six characters without its dashes', () => {
    expect(shortId('0a-1b2c-3d4e')).toBe('0a1b2c');
  });
});
