import { ErrorCode, type EtapisteError } from '@etapiste/shared';
import type { MessageKey, Translate } from '@etapiste/shared/i18n';
import { useTranslate } from '@etapiste/shared/react';
import { useCallback, useState } from 'react';
import type { Outcome } from '../store/admin-slice.ts';
import type { Problems } from './form-kit.tsx';

/** Messages of the shared schemas (and the server's rules) that have a translation. */
const knownMessages: Record<string, MessageKey> = {
  required: 'admin.error.required',
  'from must be before to': 'admin.error.fromBeforeTo',
  'HH:MM': 'admin.error.time',
  'YYYY-MM-DD': 'admin.error.date',
};

interface Issue {
  path: PropertyKey[] | string;
  message: string;
  code?: string;
  minimum?: unknown;
  maximum?: unknown;
}

function messageOf(issue: Issue, t: Translate): string {
  const known = knownMessages[issue.message];
  if (known) return t(known);
  if (issue.code === 'too_small' && typeof issue.minimum === 'number') return t('admin.error.tooSmall', { min: issue.minimum });
  if (issue.code === 'too_big' && typeof issue.maximum === 'number') return t('admin.error.tooBig', { max: issue.maximum });
  if (issue.code === 'invalid_type') return t('admin.error.required');
  return issue.message;
}

export function problemsOf(issues: Issue[], t: Translate): Problems {
  const problems: Problems = {};
  for (const issue of issues) {
    const path = typeof issue.path === 'string' ? issue.path : issue.path.map(String).join('.');
    problems[path] ??= messageOf(issue, t);
  }
  return problems;
}

/** The form-level summary of a failed request. */
export function summaryOf(error: EtapisteError, t: Translate): string {
  switch (error.code) {
    case ErrorCode.ValidationFailed:
      return t('admin.error.fixFields');
    case ErrorCode.Forbidden:
      return t('admin.error.forbidden');
    case ErrorCode.Conflict:
      return t('admin.error.conflict', { message: error.message });
    case ErrorCode.NotFound:
      return t('admin.error.notFound');
    case ErrorCode.Unauthenticated:
      return t('staff.sessionExpired');
    default:
      return t('common.error', { message: error.message });
  }
}

interface Schema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: Issue[] } };
}

/**
 * State of one admin form: checks the draft with the shared schema first (instant field
 * errors), then sends it; the server's field errors land on the same paths.
 */
export function useSubmit() {
  const { t } = useTranslate();
  const [problems, setProblems] = useState<Problems>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const fail = useCallback(
    (error: EtapisteError) => {
      const details = Array.isArray(error.details) ? (error.details as Issue[]) : [];
      setProblems(error.code === ErrorCode.ValidationFailed ? problemsOf(details, t) : {});
      setSummary(summaryOf(error, t));
      setSaved(null);
    },
    [t],
  );

  const send = useCallback(
    async <R>(request: () => Promise<Outcome<R>>, savedText = t('admin.saved')): Promise<R | null> => {
      setPending(true);
      const outcome = await request();
      setPending(false);
      if (!outcome.ok) {
        fail(outcome.error);
        return null;
      }
      setProblems({});
      setSummary(null);
      setSaved(savedText);
      return outcome.value;
    },
    [fail, t],
  );

  const submit = useCallback(
    async <T, R>(schema: Schema<T>, draft: unknown, request: (value: T) => Promise<Outcome<R>>, savedText?: string): Promise<R | null> => {
      const parsed = schema.safeParse(draft);
      if (!parsed.success) {
        setProblems(problemsOf(parsed.error.issues, t));
        setSummary(t('admin.error.fixFields'));
        setSaved(null);
        return null;
      }
      return send(() => request(parsed.data), savedText);
    },
    [send, t],
  );

  const reset = useCallback(() => {
    setProblems({});
    setSummary(null);
    setSaved(null);
  }, []);

  return { problems, summary, saved, pending, submit, send, reset };
}
