import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fold, queryTokens } from '../../../../shared/text/fold.ts';
import { call } from '../../../api/client.ts';
import { errorText } from '../../../i18n.ts';

interface Props {
  documentId: number;
  pages: number;
  jump: { page: number; nonce: number } | undefined;
  query: string | undefined;
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

/** DOCX sections and XLSX sheets as text, one block per unit, loaded as they come into view. */
export function TextViewer({ documentId, pages, jump, query, onVisiblePage }: Props) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const [texts, setTexts] = useState<Map<number, { label: string; text: string }>>(new Map());
  const [problem, setProblem] = useState<string | undefined>();

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      for (let number = 1; number <= pages && !cancelled; number += 1) {
        try {
          const page = await call('documents.page', { id: documentId, page: number });
          if (!cancelled) setTexts((current) => new Map(current).set(number, { label: page.label, text: page.text }));
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

  useEffect(() => {
    if (!jump) return;
    const element = scroller.current?.querySelector<HTMLElement>(`[data-page="${jump.page}"]`);
    if (element && scroller.current) scroller.current.scrollTop = element.offsetTop - 8;
  }, [jump, texts.size]);

  return (
    <div ref={scroller} className="text-scroller" tabIndex={0} aria-label={t('viewer.title')}
      onScroll={(event) => {
        const root = event.currentTarget;
        const top = root.scrollTop + root.clientHeight * 0.3;
        const current = [...root.querySelectorAll<HTMLElement>('[data-page]')].find((element) => element.offsetTop + element.offsetHeight > top);
        if (current) onVisiblePage(Number(current.dataset.page));
      }}>
      {problem && <p className="form-problem" role="alert">{problem}</p>}
      {Array.from({ length: pages }, (_, index) => index + 1).map((number) => {
        const page = texts.get(number);
        return (
          <section key={number} className="text-page" data-page={number} aria-label={page?.label ?? String(number)}>
            <h3 className="text-page-label">{t('documents.sectionLabel', { page: page?.label ?? number })}</h3>
            <div className="text-page-body">{page ? <Highlighted text={page.text} query={query} /> : t('viewer.loading')}</div>
          </section>
        );
      })}
    </div>
  );
}
