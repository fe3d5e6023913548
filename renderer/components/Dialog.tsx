import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  open: boolean;
  title: string;
  onClose(): void;
  children: ReactNode;
  role?: 'dialog' | 'alertdialog';
}

/**
 * A modal on the native <dialog>: the browser traps focus and closes on Escape;
 * focus goes back to whatever had it before the dialog opened.
 */
export function Dialog({ open, title, onClose, children, role = 'dialog' }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const returnFocus = useRef<HTMLElement | null>(null);
  const wanted = useRef(open);

  useEffect(() => {
    wanted.current = open;
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnFocus.current = document.activeElement as HTMLElement | null;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  return (
    <dialog
      ref={ref}
      role={role}
      className="dialog"
      aria-labelledby={titleId}
      onClose={() => {
        // The close event comes a moment after close(): by then the dialog may be open again
        // (reopened at once), and that late event must not shut it.
        if (ref.current?.open) return;
        // Closed by the user (Escape) rather than by the parent: tell the parent.
        if (wanted.current) onClose();
        returnFocus.current?.focus();
      }}
    >
      {open && (
        <>
          <h2 id={titleId} className="dialog-title">
            {title}
          </h2>
          {children}
        </>
      )}
    </dialog>
  );
}
