import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain/settings.ts';
import { formatNumber } from '../../../shared/format/number.ts';
import type { DocumentSummaryData } from '../../../shared/intake/catalog.ts';
import { formatPageRanges } from '../../../shared/intake/page-ranges.ts';
import { call } from '../../api/client.ts';
import { useNotify } from '../../app/notices.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { FormProblem } from '../../components/FormBits.tsx';
import { errorText } from '../../i18n.ts';

interface Props {
  documents: DocumentSummaryData[];
  selected: number | undefined;
  onOpen(documentId: number): void;
  onRemoved(): void;
}

export function DocumentList({ documents, selected, onOpen, onRemoved }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const notify = useNotify();
  const [removing, setRemoving] = useState<DocumentSummaryData | undefined>();
  const [problem, setProblem] = useState<string | undefined>();

  async function remove() {
    if (!removing) return;
    try {
      await call('documents.remove', { id: removing.id });
      notify(t('submission.removed', { file: removing.fileName }));
      setRemoving(undefined);
      onRemoved();
    } catch (error) {
      setProblem(errorText(error));
    }
  }

  if (documents.length === 0) return <p className="empty">{t('submission.noDocuments')}</p>;
  return (
    <>
      <ul className="document-list">
        {documents.map((document) => (
          <li key={document.id} className={document.id === selected ? 'is-selected' : undefined} data-document={document.id}>
            <div className="document-main">
              <button type="button" className="link-button document-name" onClick={() => onOpen(document.id)}
                aria-label={t('submission.viewFile', { file: document.fileName })} aria-current={document.id === selected || undefined}>
                {document.fileName}
              </button>
              <span className={`badge badge-kind`}>{document.kind.toUpperCase()}</span>
              <span className="muted">{t(`documents.roles.${document.role}`)}</span>
            </div>
            <div className="document-meta muted">
              {t(`documents.units.${document.kind}`, { count: formatNumber(document.pages, language) })} ·{' '}
              {t('submission.words', { count: formatNumber(document.words, language) })}
            </div>
            {document.pagesWithoutText.length > 0 && (
              <div className="document-warning">{t('submission.noTextLayer', { pages: formatPageRanges(document.pagesWithoutText) })}</div>
            )}
            {document.ocrPages.length > 0 && (
              <div className="document-note">{t('submission.ocrPages', { pages: formatPageRanges(document.ocrPages) })}</div>
            )}
            {document.duplicateOf && <div className="document-note">{t('submission.duplicateOf', { file: document.duplicateOf.fileName })}</div>}
            {document.warnings.map((warning) => {
              const [code, from, to] = warning.split(':');
              return (
                <div key={warning} className="document-warning">
                  {t(`documents.warnings.${code}`, { from, to: to?.toUpperCase() })}
                </div>
              );
            })}
            <button type="button" className="icon-button icon-danger document-remove" onClick={() => setRemoving(document)}
              aria-label={t('submission.remove', { file: document.fileName })}>×</button>
          </li>
        ))}
      </ul>
      <Dialog open={removing !== undefined} role="alertdialog" title={t('submission.removeTitle', { file: removing?.fileName ?? '' })}
        onClose={() => { setRemoving(undefined); setProblem(undefined); }}>
        <p>{t('submission.removeBody')}</p>
        <FormProblem text={problem} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => setRemoving(undefined)} autoFocus>{t('common.cancel')}</button>
          <button type="button" className="button button-danger" onClick={() => void remove()}>{t('common.remove')}</button>
        </div>
      </Dialog>
    </>
  );
}
