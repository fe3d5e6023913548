import { describe, expect, it } from 'vitest';
import { isDraftingIn, isHiddenFor, type PanelMember } from '../../../shared/assessment/visibility.ts';

const hiding = { hideOthersUntilSubmitted: true };
const showing = { hideOthersUntilSubmitted: false };
/** Members by person id ('sari', 'budi'): the rule never looks at names. */
const member = (assessorId: string, status: PanelMember['status'], role: PanelMember['role'] = 'assessor'): PanelMember => ({
  role,
  assessorId,
  status,
});

describe("others' scores in a panel", () => {
  it('are hidden from me while my own assessor assessment is a draft', () => {
    const panel = [member('Prof. Budi', 'submitted'), member('Dr. Sari', 'draft')];
    expect(isHiddenFor('Dr. Sari', panel, hiding)).toBe(true);
    expect(isDraftingIn('Dr. Sari', panel)).toBe(true);
  });

  it('show once mine is submitted or finalized', () => {
    expect(isHiddenFor('Dr. Sari', [member('Prof. Budi', 'draft'), member('Dr. Sari', 'submitted')], hiding)).toBe(false);
    expect(isHiddenFor('Dr. Sari', [member('Dr. Sari', 'finalized')], hiding)).toBe(false);
  });

  it('show when the setting does not hide them, though mine is a draft', () => {
    const panel = [member('Prof. Budi', 'submitted'), member('Dr. Sari', 'draft')];
    expect(isHiddenFor('Dr. Sari', panel, showing)).toBe(false);
    expect(isDraftingIn('Dr. Sari', panel)).toBe(true);
  });

  it('show to someone who is not an assessor of the panel', () => {
    expect(isHiddenFor('Pak Andi', [member('Prof. Budi', 'draft'), member('Dr. Sari', 'draft')], hiding)).toBe(false);
    expect(isHiddenFor('Dr. Sari', [], hiding)).toBe(false);
  });

  it("are not hidden by a draft self-assessment of mine, nor by someone else's draft", () => {
    expect(isHiddenFor('Bu Rina', [member('Prof. Budi', 'submitted'), member('Bu Rina', 'draft', 'self')], hiding)).toBe(false);
    expect(isHiddenFor('Dr. Sari', [member('Prof. Budi', 'draft'), member('Dr. Sari', 'submitted')], hiding)).toBe(false);
  });
});
