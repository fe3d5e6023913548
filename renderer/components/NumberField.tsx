import { useState, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/domain/settings.ts';
import { localeTag, parseLocaleNumber } from '../../shared/format/number.ts';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> & {
  value: number | undefined;
  /**
   * Called with the number typed; with undefined when the field is emptied (optional
   * fields), and with NaN while the text is not a number, so that validation can say so.
   */
  onChange(value: number | undefined): void;
  invalid?: boolean;
};

function plain(value: number | undefined, language: Language): string {
  if (value === undefined || !Number.isFinite(value)) return '';
  return new Intl.NumberFormat(localeTag(language), { useGrouping: false, maximumFractionDigits: 6 }).format(value);
}

/** A number typed the local way (12,5 in Indonesian), without the browser's spinner or locale guesses. */
export function NumberField({ value, onChange, invalid, ...rest }: Props) {
  const { i18n } = useTranslation();
  const language = i18n.language as Language;
  const [text, setText] = useState(() => plain(value, language));
  const [shown, setShown] = useState<number | undefined>(value);
  if (!Object.is(value, shown)) {
    // The value changed from outside (another node selected, a level added): show it.
    setShown(value);
    const current = text.trim() === '' ? undefined : (parseLocaleNumber(text, language) ?? Number.NaN);
    if (!Object.is(current, value)) setText(plain(value, language));
  }
  const parsed = text.trim() === '' ? undefined : parseLocaleNumber(text, language);
  const unreadable = text.trim() !== '' && parsed === undefined;
  return (
    <input
      {...rest}
      type="text"
      inputMode="decimal"
      autoComplete="off"
      value={text}
      aria-invalid={invalid || unreadable || undefined}
      onChange={(event) => {
        const typed = event.target.value;
        setText(typed);
        const next = typed.trim() === '' ? undefined : (parseLocaleNumber(typed, language) ?? Number.NaN);
        setShown(next);
        onChange(next);
      }}
    />
  );
}
