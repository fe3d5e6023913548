import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AssessmentDetail, StoredScore } from '../../../shared/assessment/model.ts';
import type { Rubric } from '../../../shared/rubric/schema.ts';
import { scoreRubric, type RubricResult, type Scores } from '../../../shared/rubric/score.ts';
import { call } from '../../api/client.ts';
import { ASSESSMENT_READS, useInvalidateChannels } from '../../api/queries.ts';
import { errorText } from '../../i18n.ts';

async function fetchAssessment(id: number): Promise<{ found: AssessmentDetail; rubric: Rubric }> {
  const found = await call('assessments.get', { id });
  const { rubric } = await call('rubrics.get', { id: found.assessment.rubricId, version: found.assessment.rubricVersion });
  return { found, rubric };
}

export type SaveState = 'saved' | 'saving' | 'failed';

interface Change {
  criterion: string;
  field: 'score' | 'note';
  before: StoredScore | string;
  after: StoredScore | string;
}

/**
 * The scoring screen's state: the assessment as the server last confirmed it, with the
 * user's changes applied at once (optimistically) and sent in order, one at a time, so
 * that nothing arrives out of sequence. Every change is saved as it is made; undo sends
 * the value before. A failed save reloads the server's truth and says why.
 */
export function useScoring(id: number, options: { passMark: number; onError(text: string): void }) {
  const [detail, setDetail] = useState<AssessmentDetail | undefined>();
  const [rubric, setRubric] = useState<Rubric | undefined>();
  const [loadProblem, setLoadProblem] = useState<string | undefined>();
  const [saveState, setSaveState] = useState<SaveState>('saved');
  const [undoStack, setUndoStack] = useState<Change[]>([]);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const pending = useRef(0);
  const failed = useRef(false);
  const { onError } = options;
  const invalidate = useInvalidateChannels();

  const load = useCallback(
    () =>
      fetchAssessment(id).then(({ found, rubric: loaded }) => {
        setRubric(loaded);
        setDetail(found);
        return found;
      }),
    [id],
  );

  useEffect(() => {
    let live = true;
    fetchAssessment(id).then(
      ({ found, rubric: loaded }) => {
        if (!live) return;
        setRubric(loaded);
        setDetail(found);
      },
      (error: unknown) => live && setLoadProblem(errorText(error)),
    );
    return () => {
      live = false;
    };
  }, [id]);

  /**
   * Send one request after those before it; apply the server's answer once nothing else is
   * waiting. Resolves true when saved; on a refusal says why, reloads the saved state and
   * resolves false (and the next `settled()` says so too).
   */
  const send = useCallback(
    (request: () => Promise<AssessmentDetail>): Promise<boolean> => {
      pending.current += 1;
      setSaveState('saving');
      const done = queue.current.then(async () => {
        try {
          const answer = await request();
          pending.current -= 1;
          if (pending.current === 0) {
            setDetail(answer);
            setSaveState('saved');
          }
          // Panels, dashboards and lists elsewhere show this assessment: their cached reads are stale now.
          void invalidate(ASSESSMENT_READS);
          return true;
        } catch (error) {
          pending.current -= 1;
          failed.current = true;
          setSaveState('failed');
          onError(errorText(error));
          await load().catch(() => undefined);
          return false;
        }
      });
      queue.current = done;
      return done;
    },
    [load, onError, invalidate],
  );

  const patchEntry = useCallback((criterion: string, patch: { value?: StoredScore; note?: string }) => {
    setDetail((current) => {
      if (!current) return current;
      const exists = current.entries.some((entry) => entry.criterion === criterion);
      const entries = exists
        ? current.entries.map((entry) =>
            entry.criterion === criterion ? { ...entry, ...patch, ...(patch.value !== undefined ? { needsRescore: false } : {}) } : entry,
          )
        : [
            ...current.entries,
            { criterion, value: patch.value ?? null, note: patch.note ?? '', needsRescore: false, updatedAt: '', updatedBy: '' },
          ];
      return { ...current, entries };
    });
  }, []);

  const entryOf = useCallback((criterion: string) => detail?.entries.find((entry) => entry.criterion === criterion), [detail]);

  const setScore = useCallback(
    (criterion: string, value: StoredScore, options: { undoable?: boolean } = {}) => {
      const before = entryOf(criterion)?.value ?? null;
      if (before === value && !entryOf(criterion)?.needsRescore) return;
      if (options.undoable !== false) setUndoStack((stack) => [...stack, { criterion, field: 'score', before, after: value }]);
      patchEntry(criterion, { value });
      void send(() => call('assessments.score', { id, criterion, value }));
    },
    [entryOf, id, patchEntry, send],
  );

  /** A note is saved when the writer pauses or leaves the field; `before` is the note when they began. */
  const saveNote = useCallback(
    (criterion: string, note: string, before: string): Promise<boolean> => {
      if (note === before) return Promise.resolve(true);
      setUndoStack((stack) => [...stack, { criterion, field: 'note', before, after: note }]);
      patchEntry(criterion, { note });
      return send(() => call('assessments.note', { id, criterion, note }));
    },
    [id, patchEntry, send],
  );

  const undo = useCallback((): string | undefined => {
    const last = undoStack.at(-1);
    if (!last) return undefined;
    setUndoStack((stack) => stack.slice(0, -1));
    if (last.field === 'score') {
      patchEntry(last.criterion, { value: last.before as StoredScore });
      void send(() => call('assessments.score', { id, criterion: last.criterion, value: last.before as StoredScore }));
    } else {
      patchEntry(last.criterion, { note: last.before as string });
      void send(() => call('assessments.note', { id, criterion: last.criterion, note: last.before as string }));
    }
    return last.criterion;
  }, [id, patchEntry, send, undoStack]);

  const addEvidence = useCallback(
    (criterion: string, documentId: number, page: number, quote: string) =>
      send(() => call('assessments.addEvidence', { id, criterion, documentId, page, quote })),
    [id, send],
  );
  const removeEvidence = useCallback(
    (evidenceId: number) => send(() => call('assessments.removeEvidence', { id, evidenceId })),
    [id, send],
  );

  const scores = useMemo<Scores>(() => {
    const map: Record<string, number | 'na'> = {};
    for (const entry of detail?.entries ?? []) if (entry.value !== null) map[entry.criterion] = entry.value;
    return map;
  }, [detail]);

  const stage = detail?.assessment.submissionKind === 'bimtek' ? (detail.assessment.stage ?? undefined) : undefined;
  const result = useMemo<RubricResult | undefined>(
    () => (rubric ? scoreRubric(rubric, scores, { passMark: options.passMark, ...(stage ? { stage } : {}) }) : undefined),
    [rubric, scores, options.passMark, stage],
  );

  /** Wait for every save to land (before submitting, say): true when all of them were saved. */
  const settled = useCallback(async () => {
    await queue.current;
    const ok = !failed.current;
    failed.current = false;
    return ok;
  }, []);

  // Undo is for the draft being written: a status change (submitted, reopened) starts afresh.
  const status = detail?.assessment.status;
  const [undoFor, setUndoFor] = useState(status);
  if (status !== undoFor) {
    setUndoFor(status);
    setUndoStack([]);
  }

  return {
    detail,
    setDetail,
    rubric,
    result,
    loadProblem,
    saveState,
    canUndo: undoStack.length > 0,
    setScore,
    saveNote,
    undo,
    addEvidence,
    removeEvidence,
    reload: load,
    settled,
  };
}
