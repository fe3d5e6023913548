import { useEffect, useId, useMemo, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportJobData } from '../../../shared/intake/catalog.ts';
import { DOCUMENT_ROLES, type DocumentRole } from '../../../shared/intake/model.ts';
import type { AppErrorData } from '../../../shared/errors.ts';
import { BYTES_PER_MB, sizeRefusal } from '../../../shared/intake/size-limit.ts';
import { ApiError, uploadFile } from '../../api/client.ts';
import { useChannel, useChannelMutation, useInvalidateChannels } from '../../api/queries.ts';
import { useNotify } from '../../app/notices.tsx';
import { useWorkspace } from '../../app/workspace-context.tsx';
import { errorText } from '../../i18n.ts';
import { formatNumber } from '../../../shared/format/number.ts';
import { PdfPreview } from '../../components/reader/PdfPreview.tsx';
import { loadPdfjs } from '../../components/reader/pdfjs.ts';
import styles from './ImportPanel.module.css';

interface Props {
  submissionId: number;
}

interface Uploading {
  key: string;
  fileName: string;
  sent: number;
  total: number;
}

const POLL_MS = 400;
/** pdf.js is fetched shortly after this panel shows, so that a dropped PDF's first page appears at once. */
const PRELOAD_PDFJS_MS = 400;

interface Preview {
  key: string;
  file: File;
  since: number;
}

const isRunning = (job: ImportJobData) => job.status === 'queued' || job.status === 'running';
const isFinished = (job: ImportJobData) => job.status === 'done' || job.status === 'failed';

/** Drop files here or choose them; each is uploaded, then imported in the background with visible progress. */
export function ImportPanel({ submissionId }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const notify = useNotify();
  const { settings } = useWorkspace();
  const input = useRef<HTMLInputElement>(null);
  const [role, setRole] = useState<DocumentRole>('masterplan');
  const [dragging, setDragging] = useState(false);
  const [uploading, setUploading] = useState<Uploading[]>([]);
  const [previews, setPreviews] = useState<Preview[]>([]);
  // Jobs already finished when the panel opened were announced before (or long ago): only new endings are.
  const announced = useRef<Set<string> | undefined>(undefined);
  const invalidate = useInvalidateChannels();
  const startImport = useChannelMutation('documents.import', { invalidates: ['documents.jobs'] });

  // Polled while anything is on its way (an upload, a queued or running import), also when the window is in the background.
  const jobsQuery = useChannel(
    'documents.jobs',
    { submissionId },
    {
      refetchInterval: (query) => (uploading.length > 0 || (query.state.data ?? []).some(isRunning) ? POLL_MS : false),
      refetchIntervalInBackground: true,
    },
  );
  const jobs = useMemo(() => jobsQuery.data ?? [], [jobsQuery.data]);

  // The baseline is the first list read after the panel opened, not one cached from an earlier visit.
  const fresh = jobsQuery.isFetchedAfterMount;
  useEffect(() => {
    if (!jobsQuery.data || !fresh) return;
    const list = jobsQuery.data;
    if (!announced.current) {
      announced.current = new Set(list.filter(isFinished).map((job) => job.id));
      return;
    }
    const ended = list.filter((job) => isFinished(job) && !announced.current?.has(job.id));
    if (ended.length === 0) return;
    for (const job of ended) {
      announced.current.add(job.id);
      if (job.status === 'done') {
        const units = job.result
          ? t(`documents.units.${job.result.kind}`, { count: formatNumber(job.result.pages, settings.language) })
          : '';
        notify(t('submission.imported', { file: job.fileName, units }));
      } else if (job.error) {
        const reason = errorText(new ApiError(job.error as AppErrorData));
        // Refusals of a document name the file themselves; anything else gets the name in front.
        notify('file' in job.error.params ? reason : `${t('submission.importFailed', { file: job.fileName })} ${reason}`, 'error');
      }
    }
    const names = new Set(ended.map((job) => job.fileName));
    setPreviews((all) => all.filter((preview) => !names.has(preview.file.name)));
    // A document arrived: the submission's lists, its inventory and the search see it.
    if (ended.some((job) => job.status === 'done')) void invalidate(['submissions', 'inventory', 'search', 'documents.get']);
  }, [jobsQuery.data, fresh, notify, t, settings.language, invalidate]);

  useEffect(() => {
    const timer = window.setTimeout(() => void loadPdfjs().catch(() => undefined), PRELOAD_PDFJS_MS);
    return () => window.clearTimeout(timer);
  }, []);

  async function importFiles(files: File[]) {
    const since = performance.now();
    const pdfs = files.filter((file) => /\.pdf$/i.test(file.name) || file.type === 'application/pdf');
    setPreviews((all) => [...all, ...pdfs.map((file) => ({ key: `${file.name}-${since}`, file, since }))]);
    for (const file of files) {
      const tooLarge = sizeRefusal(file.name, file.size, settings.maxUploadMb * BYTES_PER_MB);
      if (tooLarge) {
        notify(errorText(new ApiError(tooLarge.toData())), 'error');
        setPreviews((all) => all.filter((preview) => preview.file !== file));
        continue;
      }
      const key = `${file.name}-${Math.random()}`;
      setUploading((all) => [...all, { key, fileName: file.name, sent: 0, total: file.size }]);
      try {
        const uploadId = await uploadFile(file, (sent, total) =>
          setUploading((all) => all.map((entry) => (entry.key === key ? { ...entry, sent, total } : entry))),
        );
        await startImport.mutateAsync({ submissionId, uploadId, role });
      } catch (error) {
        notify(`${t('submission.importFailed', { file: file.name })} ${errorText(error)}`, 'error');
        setPreviews((all) => all.filter((preview) => preview.file !== file));
      } finally {
        setUploading((all) => all.filter((entry) => entry.key !== key));
      }
    }
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    void importFiles([...event.dataTransfer.files]);
  }

  const running = jobs.filter(isRunning);
  return (
    <div className="import-panel">
      <div
        className={`${styles.dropzone}${dragging ? ' is-dragging' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <span aria-hidden="true" className={styles.dropzoneText}>
          {dragging ? t('submission.dropActive') : t('submission.drop')}
        </span>
        <div className="field">
          <label htmlFor={`${id}-role`}>{t('submission.role')}</label>
          <select id={`${id}-role`} value={role} onChange={(event) => setRole(event.target.value as DocumentRole)}>
            {DOCUMENT_ROLES.map((value) => (
              <option key={value} value={value}>
                {t(`documents.roles.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <input
          ref={input}
          type="file"
          multiple
          accept=".pdf,.docx,.xlsx"
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            event.target.value = '';
            void importFiles(files);
          }}
        />
        <button type="button" className="button" onClick={() => input.current?.click()}>
          {t('submission.choose')}
        </button>
        <span className="help">{t('submission.limit', { limit: settings.maxUploadMb })}</span>
      </div>
      {previews.length > 0 && (
        <div className={styles.pdfPreviews}>
          {previews.map((preview) => (
            <PdfPreview key={preview.key} file={preview.file} since={preview.since} />
          ))}
        </div>
      )}
      {(uploading.length > 0 || running.length > 0) && (
        <ul className={styles.jobList} aria-live="polite">
          {uploading.map((entry) => (
            <li key={entry.key}>
              <span>{t('submission.uploading', { file: entry.fileName })}</span>
              <progress max={entry.total || 1} value={entry.sent} aria-label={t('submission.uploading', { file: entry.fileName })} />
            </li>
          ))}
          {running.map((job) => (
            <li key={job.id} data-job={job.status}>
              <span>
                {t('submission.importing', { file: job.fileName })} · {t(`documents.phases.${job.progress.phase}`)}{' '}
                {job.progress.total > 1 && `${job.progress.done}/${job.progress.total}`}
              </span>
              <progress
                max={job.progress.total || 1}
                value={job.progress.done}
                aria-label={t('submission.importing', { file: job.fileName })}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
