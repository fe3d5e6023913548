import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { fold, queryTokens } from '../../../shared/text/fold.ts';
import { call } from '../../api/client.ts';
import { errorText } from '../../i18n.ts';
import styles from './TextViewer.module.css';

interface Props {
  documentId: number;
  pages: number;
  jump: { page: number; nonce: number } | undefined;
  query: string | undefined;
  /** The text's size: 1 is the reader's own size ('fit' too: text always wraps to the width). */
  scale: number;
  onVisiblePage(page: number): void;
}

/** Words of the query marked in a text, without any HTML from the document reaching the page. */
function Highlighted({ text, query }: { text: string; query: string | undefined }) {
  const tokens = query ? queryTokens(query).filter((token) => token.length > 1) : [];
  if (tokens.length === 0) return <>{text}</>;
  const parts = text.split(/(\s+)/);
  return (
    <>
      {parts.map((part, index) => {
        const folded = fold(part);
        return tokens.some((token) => folded.includes(token)) ? <mark key={index}>{part}</mark> : <span key={index}>{part}</span>;
      })}
    </>
  );
}

/** Sections fetched at once: a long DOCX fills in a few steps rather than one re-render per section. */
const BATCH = 16;

/** DOCX sections and XLSX sheets as text, one block per unit, fetched in batches from the first. */
export function TextViewer({ documentId, pages, jump, query, scale, onVisiblePage }: Props) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const [texts, setTexts] = useState<Map<number, { label: string; text: string }>>(new Map());
  const [problem, setProblem] = useState<string | undefined>();
  const jumped = useRef<number | undefined>(undefined);
  const reported = useRef(0);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      for (let first = 1; first <= pages && !cancelled; first += BATCH) {
        const numbers = Array.from({ length: Math.min(BATCH, pages - first + 1) }, (_, index) => first + index);
        try {
          const batch = await Promise.all(numbers.map((page) => call('documents.page', { id: documentId, page })));
          if (cancelled) return;
          setTexts((current) => {
            const next = new Map(current);
            for (const page of batch) next.set(page.number, { label: page.label, text: page.text });
            return next;
          });
        } catch (error) {
          if (!cancelled) setProblem(errorText(error));
          return;
        }
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [documentId, pages]);

  // Once per request, when every section up to the target has its text (so that nothing above it grows later).
  useEffect(() => {
    if (!jump || jumped.current === jump.nonce || texts.size < Math.min(jump.page, pages)) return;
    const element = scroller.current?.querySelector<HTMLElement>(`[data-page="${jump.page}"]`);
    if (!element || !scroller.current) return;
    scroller.current.scrollTop = element.offsetTop - 8;
    jumped.current = jump.nonce;
  }, [jump, texts.size, pages]);

  return (
    <div
      ref={scroller}
      className={styles.textScroller}
      data-viewer="text"
      data-scale={scale}
      style={{ '--reader-zoom': scale } as CSSProperties}
      tabIndex={0}
      aria-label={t('viewer.title')}
      onScroll={(event) => {
        const root = event.currentTarget;
        const top = root.scrollTop + root.clientHeight * 0.3;
        const current = Number(
          [...root.querySelectorAll<HTMLElement>('[data-page]')].find((element) => element.offsetTop + element.offsetHeight > top)?.dataset
            .page ?? 0,
        );
        if (current && current !== reported.current) {
          reported.current = current;
          onVisiblePage(current);
        }
      }}
    >
      {problem && (
        <p className="form-problem" role="alert">
          {problem}
        </p>
      )}
      {Array.from({ length: pages }, (_, index) => index + 1).map((number) => {
        const page = texts.get(number);
        return (
          <section key={number} className={styles.textPage} data-page={number} aria-label={page?.label ?? String(number)}>
            <h3 className={styles.textPageLabel}>{t('documents.sectionLabel', { page: page?.label ?? number })}</h3>
            <div className={styles.textPageBody}>{page ? <Highlighted text={page.text} query={query} /> : t('viewer.loading')}</div>
          </section>
        );
      })}
    </div>
  );
}
