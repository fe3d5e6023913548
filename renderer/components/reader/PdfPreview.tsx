import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_OPTIONS, loadPdfjs } from './pdfjs.ts';
import styles from './PdfPreview.module.css';

interface Props {
  file: File;
  /** When the file was dropped or chosen (performance.now()), to report how soon its first page showed. */
  since: number;
  width?: number;
}

/**
 * The first page of a PDF just dropped, drawn from the file itself while it uploads and
 * imports: the assessor sees the document at once, not after the whole import.
 */
export function PdfPreview({ file, since, width = 180 }: Props) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<{ pages: number; ms: number } | 'failed' | undefined>();

  useEffect(() => {
    let cancelled = false;
    let destroy: (() => void) | undefined;
    void (async () => {
      try {
        const [library, data] = await Promise.all([loadPdfjs(), file.arrayBuffer()]);
        // Unmounted while the library or the file loaded: nothing to start.
        if (cancelled) return;
        const task = library.getDocument({ data: new Uint8Array(data), ...DOCUMENT_OPTIONS });
        destroy = () => void task.destroy();
        const doc = await task.promise;
        const page = await doc.getPage(1);
        const base = page.getViewport({ scale: 1 });
        const ratio = window.devicePixelRatio || 1;
        const viewport = page.getViewport({ scale: width / base.width });
        const element = canvas.current;
        if (cancelled || !element) return;
        element.width = Math.floor(viewport.width * ratio);
        element.height = Math.floor(viewport.height * ratio);
        element.style.width = `${viewport.width}px`;
        element.style.height = `${viewport.height}px`;
        await page.render({ canvas: element, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] }).promise;
        if (!cancelled) setState({ pages: doc.numPages, ms: performance.now() - since });
        // The picture is drawn: the document need not stay in memory.
        destroy();
        destroy = undefined;
      } catch {
        if (!cancelled) setState('failed');
      }
    })();
    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [file, since, width]);

  if (state === 'failed') return null;
  return (
    <figure className={styles.pdfPreview} data-rendered-ms={state ? Math.round(state.ms) : undefined}>
      <canvas ref={canvas} aria-label={t('submission.previewOf', { file: file.name })} role="img" />
      <figcaption className="muted">
        {state ? t('submission.preview', { file: file.name, count: state.pages }) : t('viewer.loading')}
      </figcaption>
    </figure>
  );
}
