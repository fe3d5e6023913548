import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog.tsx';

interface Props {
  /** What is asked, or undefined while nothing is. */
  question: { title: string; body: string; confirm: string } | undefined;
  onConfirm(): void;
  onClose(): void;
}

/** A yes-or-no before a step that cannot simply be undone, in the app's own dialog (keyboard and screen reader alike). */
export function ConfirmDialog({ question, onConfirm, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Dialog open={question !== undefined} role="alertdialog" title={question?.title ?? ''} onClose={onClose}>
      <p>{question?.body}</p>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose} autoFocus>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            onClose();
            onConfirm();
          }}
        >
          {question?.confirm}
        </button>
      </div>
    </Dialog>
  );
}
