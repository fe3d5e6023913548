import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PROFILE_ROLES, type ProfileRole } from '../../../shared/domain/profile.ts';
import { contract } from '../../../shared/ipc/contract.ts';
import { parseForm } from '../../api/forms.ts';
import { useNotify } from '../../app/notices.tsx';
import { useWorkspace } from '../../app/workspace-context.tsx';
import { RadioGroup } from '../../components/RadioGroup.tsx';
import { errorText } from '../../i18n.ts';
import { FormProblem, SaveButton } from '../../components/FormBits.tsx';

/** Name, institution and role: the stamp on every change made in this workspace. */
export function ProfilePage() {
  const { t } = useTranslation();
  const id = useId();
  const notify = useNotify();
  const { profile, saveProfile } = useWorkspace();
  const [name, setName] = useState(profile?.name ?? '');
  const [institution, setInstitution] = useState(profile?.institution ?? '');
  const [role, setRole] = useState<ProfileRole>(profile?.role ?? 'assessor');
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseForm(contract['profile.save'].input, { name, institution, role }, { name: t('profile.nameRequired') });
    if (!parsed.ok) {
      setProblem(parsed.problem);
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      await saveProfile(parsed.data);
      notify(t('profile.saved'));
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page page-narrow">
      <header className="page-header">
        <h1>{t('profile.title')}</h1>
        <p className="page-subtitle">{t('profile.intro')}</p>
      </header>
      <form className="card stack" onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('profile.name')}</label>
          <input
            id={`${id}-name`}
            type="text"
            value={name}
            maxLength={120}
            autoComplete="name"
            aria-invalid={problem !== undefined && !name.trim() ? true : undefined}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-institution`}>{t('profile.institution')}</label>
          <input
            id={`${id}-institution`}
            type="text"
            value={institution}
            maxLength={160}
            autoComplete="organization"
            placeholder={t('profile.institutionPlaceholder')}
            onChange={(event) => setInstitution(event.target.value)}
          />
        </div>
        <RadioGroup<ProfileRole>
          label={t('profile.role')}
          value={role}
          options={PROFILE_ROLES.map((value) => ({ value, label: t(`profile.roles.${value}`) }))}
          onChange={setRole}
        />
        <FormProblem text={problem} />
        <div>
          <SaveButton busy={busy} />
        </div>
      </form>
    </div>
  );
}
