import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportJobData } from '../../../shared/intake/catalog.ts';
import { DOCUMENT_ROLES, type DocumentRole } from '../../../shared/intake/model.ts';
import type { AppErrorData } from '../../../shared/errors.ts';
import { BYTES_PER_MB, sizeRefusal } from '../../../shared/intake/size-limit.ts';
import { ApiError, call, uploadFile } from '../../api/client.ts';
import { useNotify } from '../../app/notices.tsx';
import { useWorkspace } from '../../app/workspace-context.tsx';
import { errorText } from '../../i18n.ts';
import { formatNumber } from '../../../shared/format/number.ts';
import { PdfPreview } from '../../components/reader/PdfPreview.tsx';
import { loadPdfjs } from '../../components/reader/pdfjs.ts';

interface Props {
  submissionId: number;
  onImported(): void;
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

/** Drop files here or choose them; each is uploaded, then imported in the background with visible progress. */
export function ImportPanel({ submissionId, onImported }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const notify = useNotify();
  const { settings } = useWorkspace();
  const input = useRef<HTMLInputElement>(null);
  const [role, setRole] = useState<DocumentRole>('masterplan');
  const [dragging, setDragging] = useState(false);
  const [uploading, setUploading] = useState<Uploading[]>([]);
  const [jobs, setJobs] = useState<ImportJobData[]>([]);
  const [previews, setPreviews] = useState<Preview[]>([]);
  // Jobs already finished when the panel opened were announced before (or long ago): only new endings are.
  const announced = useRef<Set<string> | undefined>(undefined);

  const active = uploading.length > 0 || jobs.some((job) => job.status === 'queued' || job.status === 'running');

  useEffect(() => {
    let stopped = false;
    const poll = () =>
      call('documents.jobs', { submissionId }).then((list) => {
        if (stopped) return;
        setJobs(list);
        const finished = (job: ImportJobData) => job.status === 'done' || job.status === 'failed';
        if (!announced.current) {
          announced.current = new Set(list.filter(finished).map((job) => job.id));
          return;
        }
        for (const job of list) {
          if (finished(job) && !announced.current.has(job.id)) {
            announced.current.add(job.id);
            setPreviews((all) => all.filter((preview) => preview.file.name !== job.fileName));
            if (job.status === 'done') {
              const units = job.result ? t(`documents.units.${job.result.kind}`, { count: formatNumber(job.result.pages, settings.language) }) : '';
              notify(t('submission.imported', { file: job.fileName, units }));
              onImported();
            } else if (job.error) {
              const reason = errorText(new ApiError(job.error as AppErrorData));
              // Refusals of a document name the file themselves; anything else gets the name in front.
              notify('file' in job.error.params ? reason : `${t('submission.importFailed', { file: job.fileName })} ${reason}`, 'error');
            }
          }
        }
      }, () => undefined);
    void poll();
    if (!active) return () => void (stopped = true);
    const timer = window.setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [submissionId, active, notify, onImported, t, settings.language]);

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
        const job = await call('documents.import', { submissionId, uploadId, role });
        setJobs((all) => [...all.filter((entry) => entry.id !== job.id), job]);
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

  const running = jobs.filter((job) => job.status === 'queued' || job.status === 'running');
  return (
    <div className="import-panel">
      <div
        className={`dropzone${dragging ? ' is-dragging' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <span aria-hidden="true" className="dropzone-text">{dragging ? t('submission.dropActive') : t('submission.drop')}</span>
        <div className="field">
          <label htmlFor={`${id}-role`}>{t('submission.role')}</label>
          <select id={`${id}-role`} value={role} onChange={(event) => setRole(event.target.value as DocumentRole)}>
            {DOCUMENT_ROLES.map((value) => (
              <option key={value} value={value}>{t(`documents.roles.${value}`)}</option>
            ))}
          </select>
        </div>
        <input ref={input} type="file" multiple accept=".pdf,.docx,.xlsx" className="visually-hidden" tabIndex={-1} aria-hidden="true"
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            event.target.value = '';
            void importFiles(files);
          }} />
        <button type="button" className="button" onClick={() => input.current?.click()}>{t('submission.choose')}</button>
        <span className="help">{t('submission.limit', { limit: settings.maxUploadMb })}</span>
      </div>
      {previews.length > 0 && (
        <div className="pdf-previews">
          {previews.map((preview) => <PdfPreview key={preview.key} file={preview.file} since={preview.since} />)}
        </div>
      )}
      {(uploading.length > 0 || running.length > 0) && (
        <ul className="job-list" aria-live="polite">
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
              <progress max={job.progress.total || 1} value={job.progress.done} aria-label={t('submission.importing', { file: job.fileName })} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
