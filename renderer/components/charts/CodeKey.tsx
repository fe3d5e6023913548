import { useTranslation } from 'react-i18next';
import charts from './charts.module.css';

/** The codes a chart uses, each with its name: "GOV Smart Governance · BRA Smart Branding …". */
export function CodeKey({ names }: { names: readonly { code: string; name: string }[] }) {
  const { t } = useTranslation();
  const named = names.filter((entry) => entry.name && entry.name !== entry.code);
  if (named.length === 0) return null;
  return (
    <dl className={charts.codeKey} aria-label={t('charts.names')} data-code-key="">
      {named.map((entry) => (
        <div key={entry.code}>
          <dt>{entry.code}</dt>
          <dd>{entry.name}</dd>
        </div>
      ))}
    </dl>
  );
}
