import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useChannel } from '../../api/queries.ts';
import { routeHref, routeKey, type ReaderPosition } from '../../app/routes.ts';
import { ErrorProblem } from '../../components/FormBits.tsx';
import { translate } from '../../i18n.ts';
import { submissionLabel } from '../../../shared/i18n/index.ts';
import { AssessmentsCard } from './AssessmentsCard.tsx';
import { DocumentList } from './DocumentList.tsx';
import { ImportPanel } from './ImportPanel.tsx';
import { RemoteDocuments } from './RemoteDocuments.tsx';
import { InventoryPanel } from './inventory/InventoryPanel.tsx';
import { Reader } from '../../components/reader/Reader.tsx';
import { SearchPanel } from './SearchPanel.tsx';
import styles from './SubmissionPage.module.css';

const ADDRESS_DELAY_MS = 300;
const NO_DOCUMENTS: never[] = [];

/**
 * A submission: its documents (import by drop or dialog, with progress), search across
 * them, the reader with outline and coverage strip, and the programme inventory.
 */
export function SubmissionPage({ id, reader: initialReader }: { id: number; reader: ReaderPosition }) {
  const { t } = useTranslation();
  const tabsId = useId();
  const detail = useChannel('submissions.get', { id });
  const submission = detail.data?.submission;
  const documents = detail.data?.documents ?? NO_DOCUMENTS;
  const [reader, setReader] = useState<ReaderPosition>(initialReader);
  // An explicit move (a search hit, a source link): the reader jumps there. Scrolling only updates `reader`.
  const [request, setRequest] = useState({ page: initialReader.pageNumber, query: initialReader.query, nonce: 0 });

  // The reader's position lives in the address too, so that a reload opens the same page;
  // written once the position settles, not on every page scrolled past.
  useEffect(() => {
    const timer = window.setTimeout(() => {
      const here = routeKey({ page: 'submission', id, reader });
      // Unless the user has just gone elsewhere: never write over another page's address.
      if (window.location.hash === here || window.location.hash.startsWith(`${here}?`)) {
        window.history.replaceState(null, '', routeHref({ page: 'submission', id, reader }));
      }
    }, ADDRESS_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [id, reader]);
  const openAt = useCallback((next: ReaderPosition) => {
    setReader(next);
    setRequest((current) => ({ page: next.pageNumber, query: next.query, nonce: current.nonce + 1 }));
  }, []);
  const onPage = useCallback(
    (pageNumber: number) => setReader((current) => (current.pageNumber === pageNumber ? current : { ...current, pageNumber })),
    [],
  );

  if (!submission) return detail.error ? <ErrorProblem error={detail.error} /> : <p className="muted">{t('app.loading')}</p>;
  const documentId = reader.document ?? documents[0]?.id;
  const tab = reader.tab ?? 'viewer';

  return (
    <div className="page page-wide">
      <header className="page-header">
        <p className="breadcrumb">
          <a href={routeHref({ page: 'regencies' })}>{t('regency.back')}</a> ›{' '}
          <a href={routeHref({ page: 'regency', code: submission.regencyCode })}>{submission.regencyName}</a>
        </p>
        <h1>
          {submission.regencyName} · {submissionLabel(translate, submission)}
        </h1>
      </header>

      {/* On a laptop screen and wider the documents, search and assessments sit beside the reader, so the reader starts at the top. */}
      <div className={styles.submissionBody} data-tab={tab}>
        <div className={styles.submissionSide}>
          <section className="card" aria-labelledby={`${tabsId}-documents`}>
            <h2 id={`${tabsId}-documents`} className="card-title">
              {t('submission.documents')}
            </h2>
            <DocumentList documents={documents} selected={documentId} onOpen={(document) => openAt({ document, tab: 'viewer' })} />
            <RemoteDocuments submissionId={id} />
            <ImportPanel submissionId={id} />
          </section>
          <SearchPanel
            submissionId={id}
            initialQuery={reader.query ?? ''}
            onOpen={(hit, query) => openAt({ document: hit.documentId, pageNumber: hit.page, query, tab: 'viewer' })}
          />
          <AssessmentsCard submissionId={id} />
        </div>

        <div className={styles.submissionReader}>
          <div className="tabs" role="tablist" aria-label={t('submission.documents')}>
            {(['viewer', 'inventory'] as const).map((name) => (
              <button
                key={name}
                type="button"
                role="tab"
                id={`${tabsId}-tab-${name}`}
                aria-selected={tab === name}
                aria-controls={`${tabsId}-panel-${name}`}
                className="tab"
                onClick={() => setReader({ ...reader, tab: name })}
              >
                {t(`submission.tabs.${name}`)}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`${tabsId}-panel-${tab}`} aria-labelledby={`${tabsId}-tab-${tab}`}>
            {tab === 'viewer' ? (
              documentId ? (
                <Reader key={documentId} documentId={documentId} request={request} onPage={onPage} />
              ) : (
                <p className="empty">{t('viewer.choose')}</p>
              )
            ) : (
              <InventoryPanel
                submissionId={id}
                documents={documents}
                onOpen={(document, pageNumber) => openAt({ document, pageNumber, tab: 'viewer' })}
              />
            )}
          </div>
        </div>
      </div>
    </div>
  );
}
