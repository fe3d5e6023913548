import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Evidence, StoredScore } from '../../../shared/assessment/model.ts';
import { topicForCriterion } from '../../../shared/assessment/topic-link.ts';
import type { Language } from '../../../shared/domain/settings.ts';
import { submissionLabel } from '../../../shared/i18n/index.ts';
import { resultsByCode, type CriterionResult } from '../../../shared/rubric/score.ts';
import { criteriaOf } from '../../../shared/rubric/walk.ts';
import { useChannel } from '../../api/queries.ts';
import { useNotify } from '../../app/notices.tsx';
import { routeHref } from '../../app/routes.ts';
import { useWorkspace } from '../../app/workspace-context.tsx';
import { FormProblem } from '../../components/FormBits.tsx';
import { translate } from '../../i18n.ts';
import { localTitle } from '../../components/text.ts';
import { AssessmentHeader } from './AssessmentHeader.tsx';
import { CriterionPanel, levelKeys } from './CriterionPanel.tsx';
import { CriterionTree } from './CriterionTree.tsx';
import { EvidenceViewer, type ViewerRequest } from './EvidenceViewer.tsx';
import { StageWeightingNote } from './StageWeightingNote.tsx';
import { HistoryList } from '../../components/HistoryList.tsx';
import { useScoring } from './useScoring.ts';
import styles from './ScoringPage.module.css';

const ADDRESS_DELAY_MS = 300;

const NO_DOCUMENTS: never[] = [];
const NO_TOPICS: never[] = [];

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('dialog') !== null;
}

/**
 * The scoring screen: the rubric with progress on the left, the criterion in the middle
 * (number keys pick a level, Enter or ↓ moves on, ↑ goes back, N marks not applicable,
 * Ctrl+Z undoes), the submission's documents on the right. Every change is saved at once.
 */
export function ScoringPage({ id, criterion: initialCriterion }: { id: number; criterion: string | undefined }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const notify = useNotify();
  const { settings } = useWorkspace();
  const onError = useCallback((text: string) => notify(text, 'error'), [notify]);
  const scoring = useScoring(id, { passMark: settings.passMark, onError });
  const { detail, rubric, result } = scoring;
  const [chosen, setSelected] = useState<string | undefined>(initialCriterion);
  // A link to another criterion of the same assessment (the address changes, the page stays).
  const [addressed, setAddressed] = useState(initialCriterion);
  if (initialCriterion !== addressed) {
    setAddressed(initialCriterion);
    if (initialCriterion) setSelected(initialCriterion);
  }
  const [viewerRequest, setViewerRequest] = useState<ViewerRequest | undefined>();
  const [tab, setTab] = useState<'score' | 'history'>('score');
  const panel = useRef<HTMLElement>(null);

  const submissionId = detail?.assessment.submissionId;
  // Beside the form; without them the viewer just shows no documents.
  const documents =
    useChannel('submissions.get', { id: submissionId ?? 0 }, { enabled: submissionId !== undefined }).data?.documents ?? NO_DOCUMENTS;
  const topics =
    useChannel(
      'lexicon.topics',
      {},
      { enabled: submissionId !== undefined, staleTime: Infinity, gcTime: Infinity, refetchOnWindowFocus: false },
    ).data ?? NO_TOPICS;

  const criteria = useMemo(() => (rubric ? criteriaOf(rubric) : []), [rubric]);
  const byCode = useMemo(() => (result ? resultsByCode(result) : new Map()), [result]);
  const entries = useMemo(() => new Map((detail?.entries ?? []).map((entry) => [entry.criterion, entry])), [detail]);
  const evidenceByCriterion = useMemo(() => {
    const map = new Map<string, Evidence[]>();
    for (const item of detail?.evidence ?? []) map.set(item.criterion, [...(map.get(item.criterion) ?? []), item]);
    return map;
  }, [detail]);
  const evidenceCount = useMemo(() => new Map([...evidenceByCriterion].map(([code, list]) => [code, list.length])), [evidenceByCriterion]);
  const due = useMemo(
    () => criteria.filter(({ node }) => (byCode.get(node.code) as CriterionResult | undefined)?.status !== 'not_due'),
    [criteria, byCode],
  );

  // Until one is chosen, start where the work is: the first criterion flagged or not yet scored.
  const [startAt, setStartAt] = useState<string | undefined>();
  if (!chosen && !startAt && due.length > 0) {
    const first = due.find(
      ({ node }) => entries.get(node.code)?.needsRescore || (byCode.get(node.code) as CriterionResult | undefined)?.status === 'missing',
    );
    setStartAt((first ?? due[0])?.node.code);
  }
  const selected = chosen ?? startAt;

  // The criterion is part of the address, so a reload opens it again.
  useEffect(() => {
    if (!selected) return;
    const timer = window.setTimeout(() => {
      const here = `#/assessments/${id}`;
      if (window.location.hash === here || window.location.hash.startsWith(`${here}?`)) {
        window.history.replaceState(null, '', routeHref({ page: 'assessment', id, criterion: selected }));
      }
    }, ADDRESS_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [id, selected]);

  const editable = detail?.assessment.status === 'draft' && detail.assessment.mine;
  const current = criteria.find(({ node }) => node.code === selected);

  const move = useCallback(
    (step: 1 | -1) => {
      const list = due.length ? due : criteria;
      const index = list.findIndex(({ node }) => node.code === selected);
      const next = list[Math.min(list.length - 1, Math.max(0, index + step))];
      if (!next) return;
      if (next.node.code === selected && step === 1 && result?.complete) notify(t('scoring.allDone'));
      setSelected(next.node.code);
      window.requestAnimationFrame(() => panel.current?.focus({ preventScroll: true }));
    },
    [due, criteria, selected, result, notify, t],
  );

  const lockText = detail
    ? detail.assessment.mine
      ? t(`scoring.locked.${detail.assessment.status}`)
      : t('scoring.notMine', { name: detail.assessment.assessorName })
    : '';
  const score = useCallback(
    (value: StoredScore) => {
      if (!current) return;
      // Said, not silently ignored: a key pressed on a locked assessment explains why nothing changes.
      if (!editable) {
        notify(lockText, 'error');
        return;
      }
      scoring.setScore(current.node.code, value);
    },
    [current, editable, scoring, notify, lockText],
  );

  const undo = useCallback(() => {
    if (!editable) {
      notify(lockText, 'error');
      return;
    }
    const code = scoring.undo();
    if (code) {
      setSelected(code);
      notify(t('scoring.undone', { code }));
    }
  }, [scoring, notify, t, editable, lockText]);

  // The keyboard: number keys pick a level, Enter or ↓ next, ↑ previous, N not applicable, Delete clears, Ctrl+Z undo.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (tab !== 'score' || !current) return;
      if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'z') {
        if (isTyping(event.target)) return;
        event.preventDefault();
        undo();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      const onControl = target !== null && target.closest('button, a, summary') !== null;
      const inReader = target?.closest('[data-evidence-viewer]') !== null && target !== null;
      if (event.key === 'Enter' || event.key === 'ArrowDown') {
        // Enter on another button or link does what it says; on a level choice it moves on, like elsewhere.
        if (event.key === 'Enter' && onControl && !target?.closest('[role="radio"]')) return;
        if (inReader) return;
        event.preventDefault();
        move(1);
        return;
      }
      if (event.key === 'ArrowUp') {
        if (inReader) return;
        event.preventDefault();
        move(-1);
        return;
      }
      if (inReader) return;
      const level = levelKeys(current.node).get(event.key);
      if (level !== undefined) {
        event.preventDefault();
        score(level);
        return;
      }
      if ((event.key === 'n' || event.key === 'N') && current.node.allowNotApplicable) {
        event.preventDefault();
        score('na');
        return;
      }
      if (event.key === 'Delete' || event.key === 'Backspace') {
        event.preventDefault();
        score(null);
        return;
      }
      if (event.key === 'e' || event.key === 'E') {
        event.preventDefault();
        panel.current?.querySelector('textarea')?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [tab, current, move, score, undo]);

  // Escape in the note goes back to the criterion, so the number keys score again.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && event.target instanceof HTMLTextAreaElement && panel.current?.contains(event.target)) {
        event.target.blur();
        panel.current.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (scoring.loadProblem) return <FormProblem text={scoring.loadProblem} />;
  if (!detail || !rubric || !result) return <p className="muted">{t('app.loading')}</p>;
  const assessment = detail.assessment;
  const topicCode = current ? topicForCriterion(rubric, current.node.code, topics) : undefined;
  const topic = topicCode ? topics.find((candidate) => candidate.code === topicCode) : undefined;
  const pathTitle = current
    ? current.ancestors
        .map((code) => byCode.get(code))
        .filter(Boolean)
        .map((node) => localTitle(node.title, language))
        .join(' › ')
    : '';

  return (
    <div className="page page-full scoring-page">
      <AssessmentHeader
        assessment={assessment}
        result={result}
        saveState={scoring.saveState}
        canUndo={scoring.canUndo}
        onUndo={undo}
        settled={scoring.settled}
        onChanged={() => void scoring.reload()}
        title={`${assessment.regencyName} · ${submissionLabel(translate, { kind: assessment.submissionKind, stage: assessment.stage, year: assessment.year })}`}
      />
      {!editable && (
        <p className="notice-inline notice-lock" role="status">
          {lockText}
        </p>
      )}
      <div className="tabs" role="tablist" aria-label={t('scoring.tabs.label')}>
        {(['score', 'history'] as const).map((name) => (
          <button key={name} type="button" role="tab" aria-selected={tab === name} className="tab" onClick={() => setTab(name)}>
            {t(`scoring.tabs.${name}`)}
          </button>
        ))}
      </div>
      {tab === 'history' ? (
        <section className="card">
          <HistoryList filter={{ id }} revision={assessment.revision} />
        </section>
      ) : (
        <div className={styles.scoringLayout}>
          <aside className={`card ${styles.scoringTree}`}>
            <CriterionTree
              result={result}
              entries={entries}
              evidenceCount={evidenceCount}
              selected={selected}
              onSelect={(code) => {
                setSelected(code);
                window.requestAnimationFrame(() => panel.current?.focus({ preventScroll: true }));
              }}
            />
            <StageWeightingNote result={result} stage={assessment.submissionKind === 'bimtek' ? assessment.stage : null} />
          </aside>
          <div className={styles.scoringMiddle}>
            {current ? (
              <CriterionPanel
                key={current.node.code}
                ref={panel}
                assessmentId={id}
                criterion={current.node}
                result={byCode.get(current.node.code) as CriterionResult | undefined}
                path={pathTitle}
                entry={entries.get(current.node.code)}
                evidence={evidenceByCriterion.get(current.node.code) ?? []}
                editable={editable}
                position={{ index: criteria.findIndex(({ node }) => node.code === current.node.code) + 1, total: criteria.length }}
                onScore={score}
                onNote={(note, before) => scoring.saveNote(current.node.code, note, before)}
                onOpenEvidence={(item) =>
                  item.documentId &&
                  setViewerRequest((previous) => ({
                    documentId: item.documentId as number,
                    page: item.page,
                    nonce: (previous?.nonce ?? 0) + 1,
                  }))
                }
                onRemoveEvidence={(item) => void scoring.removeEvidence(item.id)}
                revision={assessment.revision}
              />
            ) : (
              <p className="empty">{t('scoring.noCriteria')}</p>
            )}
            <p className={`help ${styles.keyboardHelp}`}>{t('scoring.keys')}</p>
          </div>
          <aside className={styles.scoringViewer} aria-label={t('scoring.viewerLabel')}>
            <EvidenceViewer
              documents={documents}
              topic={topic ? { code: topic.code, title: localTitle(topic.title, language) } : undefined}
              request={viewerRequest}
              cite={{
                label: t('scoring.addEvidence', { code: current?.node.code ?? '' }),
                disabled: !editable || !current,
                onCite: (documentId, citation) => {
                  if (!current) return;
                  void scoring
                    .addEvidence(current.node.code, documentId, citation.page, citation.quote)
                    .then((saved) => saved && notify(t('scoring.evidenceAdded', { code: current.node.code, page: citation.page })));
                },
              }}
            />
          </aside>
        </div>
      )}
    </div>
  );
}
