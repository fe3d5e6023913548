import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain/settings.ts';
import { formatNumber } from '../../../shared/format/number.ts';
import type { DocumentSummaryData } from '../../../shared/intake/catalog.ts';
import { formatPageRanges } from '../../../shared/intake/page-ranges.ts';
import { useChannelMutation } from '../../api/queries.ts';
import { useNotify } from '../../app/notices.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorProblem } from '../../components/FormBits.tsx';
import styles from './DocumentList.module.css';

interface Props {
  documents: DocumentSummaryData[];
  selected: number | undefined;
  onOpen(documentId: number): void;
}

export function DocumentList({ documents, selected, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const notify = useNotify();
  const [removing, setRemoving] = useState<DocumentSummaryData | undefined>();
  // The submission's documents, its inventory, search and evidence all change with a document.
  const removal = useChannelMutation('documents.remove', { invalidates: ['submissions', 'inventory', 'search', 'assessments'] });

  async function remove() {
    if (!removing) return;
    try {
      await removal.mutateAsync({ id: removing.id });
      notify(t('submission.removed', { file: removing.fileName }));
      setRemoving(undefined);
    } catch {
      // Shown in the dialog.
    }
  }

  if (documents.length === 0) return <p className="empty">{t('submission.noDocuments')}</p>;
  return (
    <>
      <ul className={styles.documentList}>
        {documents.map((document) => (
          <li key={document.id} className={document.id === selected ? 'is-selected' : undefined} data-document={document.id}>
            <div className={styles.documentMain}>
              <button
                type="button"
                className={`link-button ${styles.documentName}`}
                onClick={() => onOpen(document.id)}
                aria-label={t('submission.viewFile', { file: document.fileName })}
                aria-current={document.id === selected || undefined}
              >
                {document.fileName}
              </button>
              <span className={`badge ${styles.badgeKind}`}>{document.kind.toUpperCase()}</span>
              <span className="muted">{t(`documents.roles.${document.role}`)}</span>
            </div>
            <div className={`${styles.documentMeta} muted`}>
              {t(`documents.units.${document.kind}`, { count: formatNumber(document.pages, language) })} ·{' '}
              {t('submission.words', { count: formatNumber(document.words, language) })}
            </div>
            {document.pagesWithoutText.length > 0 && (
              <div className={styles.documentWarning}>
                {t('submission.noTextLayer', { pages: formatPageRanges(document.pagesWithoutText) })}
              </div>
            )}
            {document.ocrPages.length > 0 && (
              <div className={styles.documentNote}>{t('submission.ocrPages', { pages: formatPageRanges(document.ocrPages) })}</div>
            )}
            {document.duplicateOf && (
              <div className={styles.documentNote}>{t('submission.duplicateOf', { file: document.duplicateOf.fileName })}</div>
            )}
            {document.warnings.map((warning) => {
              const [code, from, to] = warning.split(':');
              return (
                <div key={warning} className={styles.documentWarning}>
                  {t(`documents.warnings.${code}`, { from, to: to?.toUpperCase() })}
                </div>
              );
            })}
            <button
              type="button"
              className={`icon-button icon-danger ${styles.documentRemove}`}
              onClick={() => setRemoving(document)}
              aria-label={t('submission.remove', { file: document.fileName })}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <Dialog
        open={removing !== undefined}
        role="alertdialog"
        title={t('submission.removeTitle', { file: removing?.fileName ?? '' })}
        onClose={() => {
          setRemoving(undefined);
          removal.reset();
        }}
      >
        <p>{t('submission.removeBody')}</p>
        <ErrorProblem error={removal.error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => setRemoving(undefined)} autoFocus>
            {t('common.cancel')}
          </button>
          <button type="button" className="button button-danger" onClick={() => void remove()}>
            {t('common.remove')}
          </button>
        </div>
      </Dialog>
    </>
  );
}
