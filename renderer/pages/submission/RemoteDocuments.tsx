import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain/settings.ts';
import { formatBytes, formatNumber } from '../../../shared/format/number.ts';
import type { RemoteDocument } from '../../../shared/ipc/contract.ts';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../shared/intake/model.ts';
import { useChannel, useChannelMutation } from '../../api/queries.ts';
import { useNotify } from '../../app/notices.tsx';
import { errorText } from '../../i18n.ts';
import styles from './DocumentList.module.css';

const NONE: RemoteDocument[] = [];

/** What the file is, as its name says (the record carries no kind): pages, sections or sheets are counted by it. */
const kindOf = (fileName: string): DocumentKind | undefined => DOCUMENT_KINDS.find((kind) => fileName.toLowerCase().endsWith(`.${kind}`));

/**
 * The submission's documents a team member imported on another laptop, whose files are not here
 * yet (docs/sync.md §4.7): each downloaded from the hub on demand and imported as a user's import,
 * after which it is one of the submission's documents. Nothing shows outside a team.
 */
export function RemoteDocuments({ submissionId }: { submissionId: number }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const id = useId();
  const notify = useNotify();
  const remote = useChannel('sync.remoteDocuments', { submissionId });
  // A downloaded document is one of the submission's: its list, search, inventory and evidence change.
  const download = useChannelMutation('sync.fetchDocument', {
    invalidates: ['submissions', 'sync.remoteDocuments', 'search', 'inventory', 'assessments'],
  });
  const documents = remote.data ?? NONE;
  if (documents.length === 0) return null;

  const units = (kind: DocumentKind | undefined, pages: number) => {
    const count = formatNumber(pages, language);
    return kind ? t(`documents.units.${kind}`, { count }) : t('submission.pages', { count });
  };

  async function fetchOne(document: RemoteDocument) {
    try {
      const fetched = await download.mutateAsync({ sub: document.sub, sha256: document.sha256 });
      notify(t('submission.remote.downloaded', { file: fetched.fileName, units: units(fetched.kind, fetched.pages) }));
    } catch (error) {
      notify(t('submission.remote.failed', { file: document.fileName, message: errorText(error) }), 'error');
    }
  }

  return (
    <section className={styles.remote} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className={styles.remoteTitle}>
        {t('submission.remote.title')}
      </h3>
      <p className="muted">{t('submission.remote.intro')}</p>
      <ul className={styles.documentList}>
        {documents.map((document) => {
          const busy = download.isPending && download.variables?.sha256 === document.sha256;
          return (
            <li key={document.sha256} className={styles.remoteItem} data-remote-document={document.sha256}>
              <div className={styles.documentMain}>
                <span className={styles.documentName}>{document.fileName}</span>
                <span className="muted">{t(`documents.roles.${document.role}`)}</span>
              </div>
              <div className={`${styles.documentMeta} muted`}>
                {formatBytes(document.size, language)} · {units(kindOf(document.fileName), document.pages)}
              </div>
              <button
                type="button"
                className={`button ${styles.remoteDownload}`}
                onClick={() => void fetchOne(document)}
                disabled={download.isPending}
                aria-busy={busy || undefined}
                aria-label={t('submission.remote.downloadFile', { file: document.fileName })}
              >
                {busy ? t('submission.remote.downloading') : t('submission.remote.download')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
