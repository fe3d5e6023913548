import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist';
import { useCallback, useEffect, useEffectEvent, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OcrWord } from '../../../shared/intake/model.ts';
import { fold, queryTokens } from '../../../shared/text/fold.ts';
import { call, fileSource } from '../../api/client.ts';

import { DOCUMENT_OPTIONS, loadPdfjs } from './pdfjs.ts';
import type { Zoom } from './zoom.ts';
import styles from './PdfViewer.module.css';
/** Pages rendered around the visible ones; further pages are dropped to keep memory flat on a 300-page file. */
const RENDER_MARGIN = '800px 0px';
/** The scroller's padding on each side (PdfViewer.module.css), left out of the width a page fits. */
const SCROLLER_PADDING = 16;

interface Props {
  documentId: number;
  /** Scanned pages whose text was read by OCR: their text layer is built from the OCR words. */
  ocrPages?: readonly number[];
  /** Scroll to this page; the nonce makes the same page a new request. */
  jump: { page: number; nonce: number } | undefined;
  query: string | undefined;
  /** Fit the first page to the reader's width, or a fixed scale. */
  zoom: Zoom;
  /** The scale that fits the width, whenever it changes (a resize, another document). */
  onFitScale(scale: number): void;
  onVisiblePage(page: number): void;
  onLoaded(pages: number): void;
  onFailed(reason: string): void;
}

/** The PDF as it looks: pages rendered lazily with pdf.js, a selectable text layer, search words highlighted. */
export function PdfViewer({ documentId, ocrPages = [], jump, query, zoom, onFitScale, onVisiblePage, onLoaded, onFailed }: Props) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  // The first page's size at scale 1: every page is laid out at that size times the scale.
  const [pdf, setPdf] = useState<{ doc: PDFDocumentProxy; width: number; height: number } | undefined>();
  const [fit, setFit] = useState<number | undefined>();
  const [near, setNear] = useState<ReadonlySet<number>>(new Set([1]));
  const scale = zoom === 'fit' ? (fit ?? 1) : zoom;
  // The pages are laid out once the width they fit is known.
  const ready = pdf !== undefined && fit !== undefined;

  useEffect(() => {
    let cancelled = false;
    // Destroyed when the reader goes, even while the document is still loading (else its transport lives on).
    let loading: PDFDocumentLoadingTask | undefined;
    void loadPdfjs()
      .then(async (library) => {
        if (cancelled) return;
        const source = fileSource(documentId);
        loading = library.getDocument({
          url: source.url,
          ...(source.httpHeaders ? { httpHeaders: source.httpHeaders } : {}),
          disableAutoFetch: true,
          rangeChunkSize: 262_144,
          ...DOCUMENT_OPTIONS,
        });
        const doc = await loading.promise;
        const first = (await doc.getPage(1)).getViewport({ scale: 1 });
        if (cancelled) return;
        setPdf({ doc, width: first.width, height: first.height });
        onLoaded(doc.numPages);
      })
      .catch((error: unknown) => !cancelled && onFailed((error as Error).message ?? String(error)));
    return () => {
      cancelled = true;
      void loading?.destroy();
    };
  }, [documentId, onLoaded, onFailed]);

  // Fit width: the scale at which the first page fills the reader's width, followed as the reader is resized.
  useEffect(() => {
    const root = scroller.current;
    if (!pdf || !root) return;
    const measure = () => {
      const available = root.clientWidth - 2 * SCROLLER_PADDING;
      if (available <= 0) return;
      const next = Math.round(Math.min(2, Math.max(0.25, available / pdf.width)) * 1000) / 1000;
      setFit(next);
      onFitScale(next);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(root);
    return () => observer.disconnect();
  }, [pdf, onFitScale]);

  // Zooming keeps the same place of the document in view: the scroll offsets grow or shrink with the pages.
  const shownScale = useRef(scale);
  useLayoutEffect(() => {
    const root = scroller.current;
    const before = shownScale.current;
    shownScale.current = scale;
    if (!root || before === scale) return;
    const ratio = scale / before;
    root.scrollTop = Math.max(0, (root.scrollTop - SCROLLER_PADDING) * ratio + SCROLLER_PADDING);
    root.scrollLeft = Math.max(0, root.scrollLeft * ratio);
  }, [scale]);

  // Which pages are near the viewport (render them) and which one is mostly in view (report it).
  useEffect(() => {
    const root = scroller.current;
    if (!ready || !root) return;
    const observer = new IntersectionObserver(
      (entries) => {
        setNear((current) => {
          const next = new Set(current);
          for (const entry of entries) {
            const page = Number((entry.target as HTMLElement).dataset.page);
            if (entry.isIntersecting) next.add(page);
            else next.delete(page);
          }
          return next;
        });
      },
      { root, rootMargin: RENDER_MARGIN, threshold: [0, 0.25, 0.5, 0.75, 1] },
    );
    for (const element of root.querySelectorAll<HTMLElement>('[data-page]')) observer.observe(element);
    // Once per frame at most, and only when the page in view changes: scrolling fires far more often.
    let frame = 0;
    let reported = 0;
    const report = () => {
      frame = 0;
      const top = root.scrollTop + root.clientHeight * 0.3;
      const pages = [...root.querySelectorAll<HTMLElement>('[data-page]')];
      const current = Number(pages.find((element) => element.offsetTop + element.offsetHeight > top)?.dataset.page ?? 0);
      if (current && current !== reported) {
        reported = current;
        onVisiblePage(current);
      }
    };
    const onScroll = () => {
      frame ||= window.requestAnimationFrame(report);
    };
    root.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      observer.disconnect();
      root.removeEventListener('scroll', onScroll);
      window.cancelAnimationFrame(frame);
    };
  }, [ready, onVisiblePage]);

  // A jump goes to the page, then (once its text layer is there) to the first word of the query on it.
  const hitShown = useRef<number | undefined>(undefined);
  const showFirstHit = useCallback(
    (number: number) => {
      const root = scroller.current;
      if (!root || !jump || jump.page !== number || hitShown.current === jump.nonce) return;
      const pageElement = root.querySelector<HTMLElement>(`[data-page="${number}"]`);
      const hit = pageElement?.querySelector<HTMLElement>('[data-text-layer] .hit');
      if (!pageElement || !hit) return;
      hitShown.current = jump.nonce;
      const hitTop = pageElement.offsetTop + hit.getBoundingClientRect().top - pageElement.getBoundingClientRect().top;
      root.scrollTop = Math.max(pageElement.offsetTop - 8, hitTop - root.clientHeight / 3);
    },
    [jump],
  );
  useEffect(() => {
    if (!ready || !jump) return;
    const element = scroller.current?.querySelector<HTMLElement>(`[data-page="${jump.page}"]`);
    if (element && scroller.current) scroller.current.scrollTop = element.offsetTop - 8;
    showFirstHit(jump.page);
  }, [ready, jump, showFirstHit]);

  return (
    <div
      ref={scroller}
      className={styles.pdfScroller}
      data-viewer="pdf"
      data-scale={ready ? scale : undefined}
      tabIndex={0}
      aria-label={t('viewer.title')}
    >
      {!ready && <p className="muted">{t('viewer.loading')}</p>}
      {ready &&
        Array.from({ length: pdf.doc.numPages }, (_, index) => index + 1).map((number) => (
          <div
            key={number}
            className={styles.pdfPage}
            data-page={number}
            data-ocr={ocrPages.includes(number) || undefined}
            role="region"
            aria-label={t('viewer.pageRegion', { page: number })}
            style={{ width: pdf.width * scale, height: pdf.height * scale }}
          >
            {near.has(number) && (
              <PdfPage
                doc={pdf.doc}
                documentId={documentId}
                ocr={ocrPages.includes(number)}
                number={number}
                scale={scale}
                query={query}
                onHits={showFirstHit}
              />
            )}
            <span className={styles.pdfPageNumber} aria-hidden="true">
              {number}
            </span>
            {ocrPages.includes(number) && (
              <span className={styles.pdfPageOcr} title={t('viewer.ocrPage')}>
                OCR
              </span>
            )}
          </div>
        ))}
    </div>
  );
}

interface PdfPageProps {
  doc: PDFDocumentProxy;
  documentId: number;
  /** A scanned page read by OCR: the text layer comes from the OCR words, not from the PDF. */
  ocr: boolean;
  number: number;
  scale: number;
  query: string | undefined;
  onHits(number: number): void;
}

/**
 * OCR words as a text layer like pdf.js's: transparent spans over the scan, each sized to
 * its word's box (a percentage of the page, so any zoom fits), to select, cite and mark.
 */
function renderOcrLayer(container: HTMLElement, words: readonly OcrWord[], width: number, height: number): void {
  const spans = words.map(([x0, y0, x1, y1, text]) => {
    const span = document.createElement('span');
    span.textContent = `${text} `;
    span.style.left = `${(x0 / width) * 100}%`;
    span.style.top = `${(y0 / height) * 100}%`;
    span.style.setProperty('--font-height', `${Math.max(1, y1 - y0)}px`);
    span.dataset.width = String(x1 - x0);
    container.append(span);
    return span;
  });
  // All the measuring first, then all the writing: one layout for the page, not one per word.
  const pageWidth = container.getBoundingClientRect().width || 1;
  const natural = spans.map((span) => span.offsetWidth);
  spans.forEach((span, index) => {
    const measured = natural[index] as number;
    const target = (Number(span.dataset.width) / width) * pageWidth;
    if (measured > 0) span.style.setProperty('--scale-x', String(target / measured));
  });
}

function PdfPage({ doc, documentId, ocr, number, scale, query, onHits }: PdfPageProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  // Called when the layer is ready; a new callback is not a reason to draw the page again.
  const reportHits = useEffectEvent(onHits);
  const text = useRef<HTMLDivElement>(null);
  const holder = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let cancelled = false;
    let cancelRender: (() => void) | undefined;
    let cancelText: (() => void) | undefined;
    const textLayer = text.current;
    void Promise.all([loadPdfjs(), doc.getPage(number)])
      .then(async ([library, page]) => {
        if (cancelled || !canvas.current || !textLayer || !holder.current) return;
        const viewport = page.getViewport({ scale });
        const ratio = window.devicePixelRatio || 1;
        canvas.current.width = Math.floor(viewport.width * ratio);
        canvas.current.height = Math.floor(viewport.height * ratio);
        canvas.current.style.width = `${viewport.width}px`;
        canvas.current.style.height = `${viewport.height}px`;
        holder.current.style.setProperty('--scale-factor', String(scale));
        const task = page.render({ canvas: canvas.current, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] });
        cancelRender = () => task.cancel();
        if (ocr) {
          const base = page.getViewport({ scale: 1 });
          const [found] = await Promise.all([
            call('documents.page', { id: documentId, page: number }).catch(() => undefined),
            task.promise.catch(() => undefined),
          ]);
          if (cancelled) return;
          renderOcrLayer(textLayer, found?.ocrWords ?? [], base.width, base.height);
        } else {
          const layer = new library.TextLayer({ textContentSource: page.streamTextContent(), container: textLayer, viewport });
          cancelText = () => layer.cancel();
          await Promise.all([task.promise, layer.render()]).catch(() => undefined);
        }
        if (cancelled || !query) return;
        const tokens = queryTokens(query);
        for (const span of textLayer.querySelectorAll('span')) {
          const content = fold(span.textContent ?? '');
          if (tokens.some((token) => token.length > 1 && content.includes(token))) span.classList.add('hit');
        }
        reportHits(number);
      })
      // Left before it was drawn: the document is closed and its page's promises reject ("Transport destroyed").
      .catch((error: unknown) => {
        if (!cancelled) throw error;
      });
    return () => {
      cancelled = true;
      cancelRender?.();
      cancelText?.();
      textLayer?.replaceChildren();
    };
  }, [doc, documentId, ocr, number, scale, query]);

  return (
    <div ref={holder} className={styles.pdfPageLayers}>
      <canvas ref={canvas} />
      <div ref={text} className={styles.textLayer} data-text-layer />
    </div>
  );
}
