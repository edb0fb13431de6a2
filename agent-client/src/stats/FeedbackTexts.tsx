import { Language, type FeedbackTextsReport } from '@etapiste/shared';
import { useTranslate } from '@etapiste/shared/react';
import { useAgentStore } from '../store/index.ts';
import { formatDay } from './stats-format.ts';

/** The anonymous free texts of the period: date, point and screen language only. */
export function FeedbackTexts({ report }: { report: FeedbackTextsReport | null }) {
  const { t, language } = useTranslate();
  const catalogue = useAgentStore((state) => state.adminCatalogue);
  const pointName = (id: string) => catalogue?.servicePoints.find((point) => point.id === id)?.name[language] ?? id;
  if (!report) return <p className="admin-form__error">{t('stats.textsUnavailable')}</p>;
  if (report.texts.length === 0) return <p className="admin-empty">{t('stats.textsNone')}</p>;
  return (
    <>
      <ul className="stats-texts" data-testid="stats-feedback-texts">
        {report.texts.map((entry, index) => {
          const lang = Language.safeParse(entry.language);
          return (
            <li key={`${entry.date}-${index}`} className="stats-texts__item">
              <blockquote lang={entry.language} className="stats-texts__text">
                {entry.text}
              </blockquote>
              <p className="stats-texts__meta">
                {t('stats.textMeta', {
                  date: formatDay(entry.date, language),
                  point: pointName(entry.servicePointId),
                  language: lang.success ? t(`language.${lang.data}`) : entry.language,
                })}
              </p>
            </li>
          );
        })}
      </ul>
      {report.truncated ? <p className="admin-hint">{t('stats.textsTruncated')}</p> : null}
    </>
  );
}
