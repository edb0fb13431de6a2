import { useId, useState, type FormEvent } from 'react';
import type { MessageKey } from '../i18n/index.ts';
import { useTranslate } from './i18n.tsx';
import type { AuthNotice } from './staff-auth-slice.ts';

export const authNoticeKeys: Record<Exclude<AuthNotice, null>, MessageKey> = {
  loginFailed: 'staff.loginFailed',
  wrongRole: 'staff.wrongRole',
  unavailable: 'staff.unavailable',
  expired: 'staff.sessionExpired',
  replaced: 'staff.replaced',
};

export interface LoginFormProps {
  /** Heading of the page, e.g. 'agent.title'. */
  titleKey: MessageKey;
  pending: boolean;
  notice: AuthNotice;
  onSubmit: (username: string, password: string) => void;
}

/** The staff login page of the expert and interpreter consoles. */
export function LoginForm({ titleKey, pending, notice, onSubmit }: LoginFormProps) {
  const { t } = useTranslate();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const id = useId();
  const errorId = `${id}-error`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (username && password && !pending) onSubmit(username, password);
  };

  return (
    <main className="login">
      <h1>{t(titleKey)}</h1>
      <form className="login__form" onSubmit={submit} aria-describedby={notice ? errorId : undefined}>
        <label htmlFor={`${id}-username`}>{t('staff.username')}</label>
        <input
          id={`${id}-username`}
          data-testid="login-username"
          autoComplete="username"
          required
          value={username}
          onChange={(event) => setUsername(event.target.value)}
        />
        <label htmlFor={`${id}-password`}>{t('staff.password')}</label>
        <input
          id={`${id}-password`}
          data-testid="login-password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {notice ? (
          <p id={errorId} className="login__error" role="alert" data-testid="login-error">
            {t(authNoticeKeys[notice])}
          </p>
        ) : null}
        <button type="submit" className="button button--primary" data-testid="login-submit" disabled={pending}>
          {pending ? t('common.loading') : t('staff.login')}
        </button>
      </form>
    </main>
  );
}
