import { describe, expect, it } from 'vitest';
import { explain } from '../../../../shared/rubric/explain.ts';
import { resultsByCode, scoreRubric, type GroupResult } from '../../../../shared/rubric/score.ts';
import { loadTemplate } from '../../../helpers/templates.ts';

describe('explain', () => {
  const rubric = loadTemplate('masterplan-review');
  const scores = { 'ECO.1': 3, 'ECO.2': 2, 'ECO.3': 4, 'ECO.4': 'na' as const, 'ECO.5': 1 };

  it('writes out a group percentage with the weights and percentages that counted, in Indonesian', () => {
    const eco = resultsByCode(scoreRubric(rubric, scores)).get('ECO') as GroupResult;
    // (15·75 + 15·50 + 15·100 + 15·25) / 60 = 62,5% — ECO.4 is not applicable here, ECO.6 and ECO.7 not scored.
    expect(explain(eco, 'id')).toEqual({
      result: '62,5%',
      formula: '(15 × 75% + 15 × 50% + 15 × 100% + 15 × 25%) / 60',
      left: ['ECO.4', 'ECO.6', 'ECO.7'],
    });
  });

  it('explains the overall result over the top-level items, and says nothing where nothing counts', () => {
    const result = scoreRubric(rubric, scores);
    expect(explain(result, 'en')).toMatchObject({ result: '62.5%', formula: '(12 × 62.5%) / 12' });
    expect(explain(scoreRubric(rubric, {}), 'id')).toBeUndefined();
  });
});
