import { useTranslation } from 'react-i18next';
import { errorText } from '../i18n.ts';

/** What went wrong, announced at once to screen readers; nothing when all is well. */
export function FormProblem({ text }: { text: string | undefined }) {
  return text ? (
    <p className="form-problem" role="alert">
      {text}
    </p>
  ) : null;
}

/** What a read or a write of the data layer failed with, in the user's language, shown as FormProblem; nothing when it did not fail. */
export function ErrorProblem({ error }: { error: unknown }) {
  return <FormProblem text={error ? errorText(error) : undefined} />;
}

/** The form's primary button; says "Menyimpan…" while the request runs. */
export function SaveButton({ busy, label }: { busy: boolean; label?: string }) {
  const { t } = useTranslation();
  return (
    <button type="submit" className="button button-primary" disabled={busy}>
      {busy ? t('common.saving') : (label ?? t('common.save'))}
    </button>
  );
}
