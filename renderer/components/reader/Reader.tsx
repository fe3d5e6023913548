import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain/settings.ts';
import { formatPercent } from '../../../shared/format/number.ts';
import { useChannel } from '../../api/queries.ts';
import { useNotify } from '../../app/notices.tsx';
import { FormProblem } from '../FormBits.tsx';
import { errorText } from '../../i18n.ts';
import { useTopics, type TopicTitle } from '../../api/lexicon.ts';
import { CoverageStrip } from './CoverageStrip.tsx';
import { PdfViewer } from './PdfViewer.tsx';
import { TextViewer } from './TextViewer.tsx';
import { useRememberedToggle } from '../remembered.ts';
import { stepZoom, useReaderZoom } from './zoom.ts';
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

/** Keys typed into a field are the field's: the reader's shortcuts leave them alone. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** One document: the pages, the outline and the coverage strip beside them, and citations from selected text. */
export function Reader({ documentId, request, onPage, compact = false, cite }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
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

  // Fit width unless the user zoomed; the zoom is remembered (one for the scoring screen, one for the submission page).
  const [zoom, setZoom] = useReaderZoom(compact ? 'scoring' : 'submission');
  // Known once the PDF viewer has measured its width; text always fits (1).
  const [fitScale, setFitScale] = useState<number | undefined>();
  // The coverage strip over the pages: shown on a tall screen, folded on a laptop; the choice is remembered.
  const [coverageShown, toggleCoverage] = useRememberedToggle('timbang.reader.coverage', () => window.innerHeight >= 900);
  const textOnly = detail !== undefined && detail.document.kind !== 'pdf';
  const scale = zoom !== 'fit' ? zoom : textOnly ? 1 : fitScale;
  const zoomBy = useCallback((direction: 1 | -1) => setZoom(stepZoom(scale ?? 1, direction)), [scale, setZoom]);
  // + and − on the focused reader, and Ctrl (⌘) with +, − or 0, as in a browser; never while typing in a field.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || isTyping(event.target)) return;
    const withModifier = event.ctrlKey || event.metaKey;
    let act: (() => void) | undefined;
    if (event.key === '+' || event.key === '=') act = () => zoomBy(1);
    else if (event.key === '-' || event.key === '_') act = () => zoomBy(-1);
    else if (event.key === '0' && withModifier) act = () => setZoom('fit');
    if (!act) return;
    event.preventDefault();
    event.stopPropagation();
    act();
  };

  // Selected text becomes a citation: document, page, quote. While the mouse button is down the
  // selection is still being made: the citation waits for the button's release, so nothing on
  // the page changes under the pointer during a drag. A selection made by keyboard shows at once.
  useEffect(() => {
    let pressed = false;
    const read = () => {
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
    const onSelection = () => {
      if (!pressed) read();
    };
    const onDown = (event: PointerEvent) => {
      if (event.button === 0) pressed = true;
    };
    const onUp = () => {
      if (!pressed) return;
      pressed = false;
      // After the browser has settled the selection the release ends.
      window.setTimeout(read, 0);
    };
    document.addEventListener('selectionchange', onSelection);
    document.addEventListener('pointerdown', onDown, true);
    document.addEventListener('pointerup', onUp, true);
    document.addEventListener('pointercancel', onUp, true);
    window.addEventListener('blur', onUp);
    return () => {
      document.removeEventListener('selectionchange', onSelection);
      document.removeEventListener('pointerdown', onDown, true);
      document.removeEventListener('pointerup', onUp, true);
      document.removeEventListener('pointercancel', onUp, true);
      window.removeEventListener('blur', onUp);
    };
  }, []);

  const citationText = useMemo(() => {
    if (!citation || !detail) return '';
    const where = t(detail.document.kind === 'pdf' ? 'documents.pageLabel' : 'documents.sectionLabel', { page: citation.page });
    return t('viewer.citation', { file: detail.document.fileName, page: where, quote: citation.quote });
  }, [citation, detail, t]);

  if (problem) return <FormProblem text={problem} />;
  if (!detail) return <p className="muted">{t('app.loading')}</p>;
  const isPdf = detail.document.kind === 'pdf';

  // Beside the scoring form the card floats over the foot of the pages once there is a citation;
  // on the submission page it has its place under them. Either way its size never changes.
  const citationCard = (
    <section
      className={`card citation ${styles.citationCard} ${compact ? styles.citationFloating : ''}`}
      aria-labelledby={`${id}-cite`}
      aria-live="polite"
      data-testid="citation-card"
    >
      <div className={styles.citationHead}>
        <h3 id={`${id}-cite`} className="card-title">
          {t('viewer.cite')}
        </h3>
        {compact && (
          <button type="button" className="icon-button" onClick={() => setCitation(undefined)} aria-label={t('viewer.closeCitation')}>
            ×
          </button>
        )}
      </div>
      {citation ? (
        <div className={styles.citationBody}>
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
        </div>
      ) : (
        <p className={`muted ${styles.citationBody}`}>{t('viewer.citeHelp')}</p>
      )}
    </section>
  );

  return (
    <div className={compact ? `${styles.reader} ${styles.readerCompact}` : styles.reader} onKeyDown={onKeyDown}>
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
            <h3 id={`${id}-coverage`} className={`card-title ${styles.coverageTitle}`}>
              <button
                type="button"
                className={styles.foldButton}
                aria-expanded={coverageShown}
                aria-controls={`${id}-coverage-body`}
                onClick={toggleCoverage}
              >
                <span aria-hidden="true" className={styles.chevron}>
                  {coverageShown ? '▾' : '▸'}
                </span>{' '}
                {t('viewer.coverage')}
              </button>
            </h3>
            <div id={`${id}-coverage-body`} hidden={!coverageShown}>
              {coverageShown && <CoverageStrip coverage={detail.coverage} topics={topics} pages={pages} current={visible} onPage={goTo} />}
            </div>
          </section>
        )}
        <div ref={toolbar} className={styles.readerToolbar}>
          {/* Beside the scoring form the document's name is in the list just above. */}
          {!compact && <strong className={styles.readerFile}>{detail.document.fileName}</strong>}
          <div className={styles.pageNav}>
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
          <div className={styles.zoomGroup} role="group" aria-label={t('viewer.zoom.label')}>
            <button
              type="button"
              className="icon-button"
              onClick={() => zoomBy(-1)}
              aria-label={t('viewer.zoom.out')}
              title={t('viewer.zoom.outKeys')}
            >
              −
            </button>
            <output className={styles.zoomLevel} aria-live="polite">
              <span className="visually-hidden">{t('viewer.zoom.level')} </span>
              <span data-testid="zoom-level">{scale === undefined ? '–' : formatPercent(scale * 100, language, 0)}</span>
            </output>
            <button
              type="button"
              className="icon-button"
              onClick={() => zoomBy(1)}
              aria-label={t('viewer.zoom.in')}
              title={t('viewer.zoom.inKeys')}
            >
              +
            </button>
            <button
              type="button"
              className={`button button-small ${styles.zoomFit}`}
              onClick={() => setZoom('fit')}
              aria-pressed={zoom === 'fit'}
              title={t('viewer.zoom.fitKeys')}
            >
              {t('viewer.zoom.fit')}
            </button>
          </div>
        </div>
        <div className={styles.pagesFrame} data-citing={(compact && citation !== undefined) || undefined}>
          <div ref={viewer} className={styles.readerPages}>
            {isPdf ? (
              <PdfViewer
                documentId={documentId}
                ocrPages={detail.document.ocrPages}
                jump={jump}
                query={query}
                zoom={zoom}
                onFitScale={setFitScale}
                onVisiblePage={onVisiblePage}
                onLoaded={onLoaded}
                onFailed={onFailed}
              />
            ) : (
              <TextViewer
                documentId={documentId}
                pages={pages}
                jump={jump}
                query={query}
                scale={scale ?? 1}
                onVisiblePage={onVisiblePage}
              />
            )}
          </div>
          {compact && citation && citationCard}
        </div>
        {!compact && citationCard}
      </div>
    </div>
  );
}
