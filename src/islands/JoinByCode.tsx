import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { translator } from '../i18n/index.ts';
import { normalizeJoinCode, type JoinAnswer } from '../model/join-code.ts';
import type { Locale } from '../model/locale.ts';

type Props = { locale: Locale; initialCode: string };

type State = { kind: 'idle' } | { kind: 'looking' } | { kind: 'error'; text: string };

/**
 * The /j page: type the room's code, go to the participant page. A code in
 * the address (/j/<code>, or ?code= from the start page's form) is looked up at once.
 */
export function JoinByCode({ locale, initialCode }: Props) {
  const t = useMemo(() => translator(locale), [locale]);
  const [code, setCode] = useState(initialCode);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const fieldId = useId();
  const messageId = useId();
  const field = useRef<HTMLInputElement>(null);

  const lookUp = async (typed: string) => {
    const normal = normalizeJoinCode(typed);
    if (normal === null) {
      setState({ kind: 'error', text: t('join.invalid') });
      field.current?.focus();
      return;
    }
    setState({ kind: 'looking' });
    try {
      const response = await fetch(`/api/join/${normal}`);
      if (response.ok) {
        const answer = (await response.json()) as JoinAnswer;
        location.assign(answer.participantPath);
        return;
      }
      const seconds = Number(response.headers.get('retry-after') ?? '60');
      const text =
        response.status === 410
          ? t('join.replaced')
          : response.status === 404
            ? t('join.unknown')
            : response.status === 429
              ? t('join.tooMany', { seconds })
              : response.status === 400
                ? t('join.invalid')
                : t('join.failed');
      setState({ kind: 'error', text });
    } catch {
      setState({ kind: 'error', text: t('join.failed') });
    }
    field.current?.focus();
  };

  useEffect(() => {
    if (initialCode) void lookUp(initialCode);
    // Once, for the code the page was opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void lookUp(code);
  };

  return (
    <form className="join-code" onSubmit={submit} noValidate>
      <label htmlFor={fieldId} className="join-code__label">
        {t('join.label')}
      </label>
      <input
        ref={field}
        id={fieldId}
        className="join-code__input"
        value={code}
        onChange={(event) => setCode(event.target.value)}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={12}
        aria-describedby={messageId}
        aria-invalid={state.kind === 'error' || undefined}
      />
      <button type="submit" className="btn btn--primary join-code__submit" disabled={state.kind === 'looking'}>
        {t('join.submit')}
      </button>
      <p id={messageId} className={`join-code__message${state.kind === 'error' ? ' join-code__message--error' : ''}`} role="status">
        {state.kind === 'error' ? state.text : state.kind === 'looking' ? t('join.looking') : ''}
      </p>
    </form>
  );
}
