import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type NoticeKind = 'success' | 'error';
interface Notice {
  id: number;
  kind: NoticeKind;
  text: string;
}

const NoticeContext = createContext<((text: string, kind?: NoticeKind) => void) | undefined>(undefined);

const VISIBLE_MS = 6000;
/** A refusal stays longer: it says what to do next, and may arrive while the user looks elsewhere. */
const ERROR_VISIBLE_MS = 20_000;

/** Short confirmations ("Kabupaten Banggai ditambahkan.") read out by screen readers and fading after a while. */
export function NoticeProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [notices, setNotices] = useState<Notice[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setNotices((all) => all.filter((notice) => notice.id !== id)), []);
  const notify = useCallback(
    (text: string, kind: NoticeKind = 'success') => {
      const id = nextId.current++;
      setNotices((all) => [...all.slice(-2), { id, kind, text }]);
      window.setTimeout(() => dismiss(id), kind === 'error' ? ERROR_VISIBLE_MS : VISIBLE_MS);
    },
    [dismiss],
  );

  const value = useMemo(() => notify, [notify]);
  return (
    <NoticeContext.Provider value={value}>
      {children}
      <div className="notices" role="status" aria-live="polite">
        {notices.map((notice) => (
          <div key={notice.id} className={`notice notice-${notice.kind}`}>
            <span>{notice.text}</span>
            <button type="button" className="notice-close" onClick={() => dismiss(notice.id)} aria-label={t('common.close')}>
              ×
            </button>
          </div>
        ))}
      </div>
    </NoticeContext.Provider>
  );
}

export function useNotify(): (text: string, kind?: NoticeKind) => void {
  const notify = useContext(NoticeContext);
  if (!notify) throw new Error('useNotify outside NoticeProvider');
  return notify;
}
