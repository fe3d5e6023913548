import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSummaryData } from '../../../shared/intake/catalog.ts';
import { useChannel } from '../../api/queries.ts';
import { Reader, type Citation } from '../../components/reader/Reader.tsx';
import styles from './EvidenceViewer.module.css';

const RELATED_PAGES = 6;

export interface ViewerRequest {
  documentId: number;
  page: number;
  nonce: number;
}

interface Props {
  documents: readonly DocumentSummaryData[];
  /** The coverage topic of the current criterion (its dimension, say), with its title. */
  topic: { code: string; title: string } | undefined;
  request: ViewerRequest | undefined;
  cite: { label: string; disabled: boolean; onCite(documentId: number, citation: Citation): void };
}

/**
 * The submission's documents beside the scoring form: the pages the coverage map links to
 * the criterion's topic, one click (or one move to another dimension) away; a selection
 * becomes evidence for the criterion.
 */
export function EvidenceViewer({ documents, topic, request, cite }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [pickedId, setDocumentId] = useState<number | undefined>();
  const documentId = pickedId ?? documents[0]?.id;
  // The same read as the reader's (a document does not change once imported): the cache serves both.
  const detail = useChannel(
    'documents.get',
    { id: documentId ?? 0 },
    { enabled: documentId !== undefined, staleTime: Infinity, refetchOnWindowFocus: false },
  );
  const coverage = documentId === undefined ? undefined : detail.data?.coverage;
  const [jump, setJump] = useState<{ page: number | undefined; query: undefined; nonce: number }>({
    page: undefined,
    query: undefined,
    nonce: 0,
  });
  const [lastTopic, setLastTopic] = useState<string | undefined>();
  const [handled, setHandled] = useState<number | undefined>();

  const related = useMemo(() => {
    if (!topic || documentId === undefined) return [];
    const entry = coverage?.find((candidate) => candidate.code === topic.code);
    return [...(entry?.pages ?? [])]
      .sort((a, b) => b.hits - a.hits || a.page - b.page)
      .slice(0, RELATED_PAGES)
      .sort((a, b) => a.page - b.page);
  }, [topic, documentId, coverage]);

  // Evidence clicked in the form: open its document at its page.
  if (request && handled !== request.nonce) {
    setHandled(request.nonce);
    setLastTopic(`${request.documentId}:${topic?.code ?? ''}`);
    setDocumentId(request.documentId);
    setJump({ page: request.page, query: undefined, nonce: jump.nonce + 1 });
  } else if (topic && related.length > 0 && lastTopic !== `${documentId}:${topic.code}`) {
    // Entering another dimension opens the page that treats it most.
    setLastTopic(`${documentId}:${topic.code}`);
    const best = [...related].sort((a, b) => b.hits - a.hits)[0];
    if (best) setJump({ page: best.page, query: undefined, nonce: jump.nonce + 1 });
  }

  if (documents.length === 0) return <p className="empty">{t('scoring.noDocuments')}</p>;
  const goTo = (page: number) => setJump((current) => ({ page, query: undefined, nonce: current.nonce + 1 }));

  return (
    <div className={styles.evidenceViewer} data-evidence-viewer>
      <div className={styles.viewerHead}>
        <label htmlFor={`${id}-doc`} className="visually-hidden">
          {t('scoring.document')}
        </label>
        <select id={`${id}-doc`} value={documentId} onChange={(event) => setDocumentId(Number(event.target.value))}>
          {documents.map((document) => (
            <option key={document.id} value={document.id}>
              {document.fileName}
            </option>
          ))}
        </select>
      </div>
      {topic && (
        <p className={styles.relatedPages}>
          <span className="muted">{t('scoring.relatedPages', { topic: topic.title })}</span>{' '}
          {related.length === 0
            ? t('scoring.noRelatedPages')
            : related.map((entry) => (
                <button
                  key={entry.page}
                  type="button"
                  className="chip"
                  onClick={() => goTo(entry.page)}
                  aria-label={t('scoring.relatedPage', { page: entry.page, hits: entry.hits })}
                >
                  {entry.page}
                </button>
              ))}
        </p>
      )}
      {documentId !== undefined && (
        <Reader
          key={documentId}
          documentId={documentId}
          request={jump}
          onPage={() => undefined}
          compact
          cite={{ label: cite.label, disabled: cite.disabled, onCite: (citation) => cite.onCite(documentId, citation) }}
        />
      )}
    </div>
  );
}
