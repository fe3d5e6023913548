import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useChannel } from '../../api/queries.ts';
import { useNotify } from '../../app/notices.tsx';
import { FormProblem } from '../FormBits.tsx';
import { errorText } from '../../i18n.ts';
import { useTopics, type TopicTitle } from '../../api/lexicon.ts';
import { CoverageStrip } from './CoverageStrip.tsx';
import { PdfViewer } from './PdfViewer.tsx';
import { TextViewer } from './TextViewer.tsx';
import styles from './Reader.module.css';

const NO_TOPICS = new Map<string, TopicTitle>();

export interface Citation {
  page: number;
  quote: string;
}

/** A quote from a scanned page carries its origin: OCR may have misread a word. */
export const OCR_MARK = '(OCR)';

interface Props {
  documentId: number;
  /** Where to go and what to highlight; a new nonce is a new request, even to the same page. */
  request: { page: number | undefined; query: string | undefined; nonce: number };
  onPage(page: number): void;
  /** Beside the scoring form: no outline or coverage strip, the pages only. */
  compact?: boolean;
  /** Offered under a selection: keep it (as evidence for a criterion). */
  cite?: { label: string; onCite(citation: Citation): void; disabled?: boolean };
}

const MAX_QUOTE = 600;

/** One document: the pages, the outline and the coverage strip beside them, and citations from selected text. */
export function Reader({ documentId, request, onPage, compact = false, cite }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const notify = useNotify();
  // A document does not change once imported: read once, not again on focus.
  const detailQuery = useChannel('documents.get', { id: documentId }, { staleTime: Infinity, refetchOnWindowFocus: false });
  const topicsQuery = useTopics();
  // Shown once both are here, as the coverage strip needs the topic titles.
  const detail = topicsQuery.data ? detailQuery.data : undefined;
  const topics = topicsQuery.data ?? NO_TOPICS;
  const [viewerProblem, setProblem] = useState<string | undefined>();
  const readError = detailQuery.error ?? topicsQuery.error;
  const problem = readError ? errorText(readError) : viewerProblem;
  const [visible, setVisible] = useState(request.page ?? 1);
  const [pageInput, setPageInput] = useState(String(request.page ?? 1));
  const [jump, setJump] = useState<{ page: number; nonce: number } | undefined>(
    request.page ? { page: request.page, nonce: 0 } : undefined,
  );
  const [handled, setHandled] = useState(request.nonce);
  if (handled !== request.nonce) {
    // A request from outside (search hit, source link) moves the reader, even to the page it is on.
    setHandled(request.nonce);
    if (request.page) {
      setJump({ page: request.page, nonce: (jump?.nonce ?? 0) + 1 });
      setPageInput(String(request.page));
    }
  }
  const query = request.query;
  const [citation, setCitation] = useState<Citation | undefined>();
  const viewer = useRef<HTMLDivElement>(null);
  const toolbar = useRef<HTMLDivElement>(null);
  const loaded = detail !== undefined;

  // An explicit move (a search hit, a document opened) brings the reader into view: the hit list sits above it.
  useEffect(() => {
    if (request.nonce > 0 && loaded) toolbar.current?.scrollIntoView({ block: 'start' });
  }, [request.nonce, loaded]);

  const pages = detail?.document.pages ?? 0;
  const goTo = useCallback(
    (page: number) => {
      const target = Math.min(Math.max(1, Math.round(page)), Math.max(1, pages));
      setJump((current) => ({ page: target, nonce: (current?.nonce ?? 0) + 1 }));
      setPageInput(String(target));
    },
    [pages],
  );
  const onVisiblePage = useCallback(
    (page: number) => {
      setVisible(page);
      setPageInput(String(page));
      onPage(page);
    },
    [onPage],
  );
  const onLoaded = useCallback(() => undefined, []);

  const onFailed = useCallback((reason: string) => setProblem(t('viewer.loadFailed', { reason })), [t]);

  // Selected text becomes a citation: document, page, quote.
  useEffect(() => {
    const onSelection = () => {
      const selection = window.getSelection();
      const text = selection?.toString().replace(/\s+/g, ' ').trim() ?? '';
      const anchor = selection?.anchorNode;
      const element = anchor instanceof Element ? anchor : anchor?.parentElement;
      const page = element?.closest<HTMLElement>('[data-page]');
      if (!text || !page || !viewer.current?.contains(page)) return;
      // A scanned page read by OCR says so (data-ocr): the quote carries the mark.
      const ocr = page.dataset.ocr === 'true';
      setCitation({ page: Number(page.dataset.page), quote: `${ocr ? `${OCR_MARK} ` : ''}${text}`.slice(0, MAX_QUOTE) });
    };
    document.addEventListener('selectionchange', onSelection);
    return () => document.removeEventListener('selectionchange', onSelection);
  }, []);

  const citationText = useMemo(() => {
    if (!citation || !detail) return '';
    const where = t(detail.document.kind === 'pdf' ? 'documents.pageLabel' : 'documents.sectionLabel', { page: citation.page });
    return t('viewer.citation', { file: detail.document.fileName, page: where, quote: citation.quote });
  }, [citation, detail, t]);

  if (problem) return <FormProblem text={problem} />;
  if (!detail) return <p className="muted">{t('app.loading')}</p>;
  const isPdf = detail.document.kind === 'pdf';

  return (
    <div className={compact ? `${styles.reader} ${styles.readerCompact}` : styles.reader}>
      {!compact && (
        <aside className={styles.readerSide}>
          <section className="card" aria-labelledby={`${id}-outline`}>
            <h3 id={`${id}-outline`} className="card-title">
              {t('viewer.outline')}
            </h3>
            {detail.outline.length === 0 ? (
              <p className="muted">{t('viewer.noOutline')}</p>
            ) : (
              <ol className={styles.outlineList}>
                {detail.outline.map((entry, index) => (
                  <li key={index} className={styles[`outline-level-${entry.level}`]}>
                    <button type="button" className={styles.outlineEntry} onClick={() => goTo(entry.page)}>
                      <span>{entry.label === entry.title ? entry.title : `${entry.label} ${entry.title}`}</span>
                      <span className="muted">{entry.page}</span>
                    </button>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </aside>
      )}
      <div className={styles.readerMain}>
        {!compact && (
          <section className={`card ${styles.coverageCard}`} aria-labelledby={`${id}-coverage`}>
            <h3 id={`${id}-coverage`} className="card-title">
              {t('viewer.coverage')}
            </h3>
            <CoverageStrip coverage={detail.coverage} topics={topics} pages={pages} current={visible} onPage={goTo} />
          </section>
        )}
        <div ref={toolbar} className={styles.readerToolbar}>
          <strong className={styles.readerFile}>{detail.document.fileName}</strong>
          <button
            type="button"
            className="icon-button"
            onClick={() => goTo(visible - 1)}
            disabled={visible <= 1}
            aria-label={t('viewer.previous')}
          >
            ‹
          </button>
          <form
            className={styles.pageForm}
            onSubmit={(event) => {
              event.preventDefault();
              const page = Number(pageInput);
              if (Number.isFinite(page)) goTo(page);
            }}
          >
            <label htmlFor={`${id}-page`}>{t('viewer.page')}</label>
            <input
              id={`${id}-page`}
              type="text"
              inputMode="numeric"
              className="input-tiny"
              value={pageInput}
              onChange={(event) => setPageInput(event.target.value)}
              aria-describedby={`${id}-count`}
            />
            <span id={`${id}-count`} className="muted">
              {t('viewer.of', { count: pages })}
            </span>
          </form>
          <button
            type="button"
            className="icon-button"
            onClick={() => goTo(visible + 1)}
            disabled={visible >= pages}
            aria-label={t('viewer.next')}
          >
            ›
          </button>
        </div>
        <div ref={viewer} className={styles.readerPages}>
          {isPdf ? (
            <PdfViewer
              documentId={documentId}
              ocrPages={detail.document.ocrPages}
              jump={jump}
              query={query}
              onVisiblePage={onVisiblePage}
              onLoaded={onLoaded}
              onFailed={onFailed}
            />
          ) : (
            <TextViewer documentId={documentId} pages={pages} jump={jump} query={query} onVisiblePage={onVisiblePage} />
          )}
        </div>
        <section className="card citation" aria-labelledby={`${id}-cite`} aria-live="polite">
          <h3 id={`${id}-cite`} className="card-title">
            {t('viewer.cite')}
          </h3>
          {citation ? (
            <>
              <blockquote className={styles.citationText} data-testid="citation-text">
                {citationText}
              </blockquote>
              <div className="button-row">
                {cite && (
                  <button
                    type="button"
                    className="button button-small button-primary"
                    disabled={cite.disabled}
                    onClick={() => cite.onCite(citation)}
                  >
                    {cite.label}
                  </button>
                )}
                <button
                  type="button"
                  className="button button-small"
                  onClick={() =>
                    void navigator.clipboard?.writeText(citationText).then(
                      () => notify(t('viewer.copied')),
                      () => undefined,
                    )
                  }
                >
                  {t('viewer.copy')}
                </button>
              </div>
            </>
          ) : (
            <p className="muted">{t('viewer.citeHelp')}</p>
          )}
        </section>
      </div>
    </div>
  );
}
