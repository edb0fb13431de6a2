import type { StatisticsFormat } from '@etapiste/shared';
import { useTranslate } from '@etapiste/shared/react';
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ScreenHeading } from '../admin/form-kit.tsx';
import { useAgentStore } from '../store/index.ts';
import { FeedbackTexts } from './FeedbackTexts.tsx';
import { HoursChart } from './HoursChart.tsx';
import { InterpretingChart } from './InterpretingChart.tsx';
import { StatsFilters } from './StatsFilters.tsx';
import { StatsTable } from './StatsTable.tsx';
import { WaitChart } from './WaitChart.tsx';
import './stats.css';

/**
 * The statistics area (supervisors: their own agency; admins: everything): filters, the results
 * table with CSV/JSON download, charts with their figures as text, and the feedback texts.
 */
export default function StatsScreen() {
  const { t, language } = useTranslate();
  const { status, error, report, hours, wait, interpreting, texts, pointId, catalogue, runStats, downloadStats } = useAgentStore(
    useShallow((state) => ({
      status: state.statsStatus,
      error: state.statsError,
      report: state.statsReport,
      hours: state.statsHours,
      wait: state.statsWait,
      interpreting: state.statsInterpreting,
      texts: state.statsTexts,
      pointId: state.statsReport?.servicePointId ?? null,
      catalogue: state.adminCatalogue,
      runStats: state.runStats,
      downloadStats: state.downloadStats,
    })),
  );
  const [download, setDownload] = useState<{ ok: boolean; text: string } | null>(null);
  const [downloading, setDownloading] = useState(false);

  // The default period (the last 30 days) is shown as soon as the area opens.
  useEffect(() => {
    if (useAgentStore.getState().statsStatus === 'idle') void runStats();
  }, [runStats]);
  useEffect(() => setDownload(null), [report]);

  const save = async (format: StatisticsFormat) => {
    setDownloading(true);
    const outcome = await downloadStats(format);
    setDownloading(false);
    setDownload(
      outcome.ok
        ? { ok: true, text: t('stats.downloaded', { file: outcome.fileName }) }
        : { ok: false, text: t('stats.downloadFailed', { message: outcome.error.message }) },
    );
  };
  const pointName = pointId ? (catalogue?.servicePoints.find((point) => point.id === pointId)?.name[language] ?? pointId) : t('stats.allPoints');

  return (
    <section className="admin-screen stats" data-testid="stats-screen">
      <ScreenHeading label="stats.title" />
      <p>{t('stats.intro')}</p>
      <StatsFilters />
      <p role="status" className="banner">
        {status === 'loading' ? t('common.loading') : null}
      </p>
      {status === 'failed' && error ? (
        <p role="alert" className="admin-form__error" data-testid="stats-failed">
          {t('stats.failed', { message: error.message })}
        </p>
      ) : null}
      {report ? (
        <>
          <section className="admin-subsection" aria-labelledby="stats-results-heading">
            <h3 id="stats-results-heading">{t('stats.results')}</h3>
            <StatsTable report={report} />
            <div className="stats-downloads" role="group" aria-label={t('stats.downloads')}>
              <button type="button" className="button" data-testid="stats-download-csv" disabled={downloading} onClick={() => void save('csv')}>
                {t('stats.downloadCsv')}
              </button>
              <button type="button" className="button" data-testid="stats-download-json" disabled={downloading} onClick={() => void save('json')}>
                {t('stats.downloadJson')}
              </button>
            </div>
            <p role="status" className={download?.ok === false ? 'admin-form__error' : 'admin-form__saved'} data-testid="stats-download-status">
              {download?.text ?? ''}
            </p>
          </section>
          <section className="admin-subsection" aria-labelledby="stats-charts-heading">
            <h3 id="stats-charts-heading">{t('stats.charts')}</h3>
            <div className="stats-charts">
              <HoursChart report={hours} pointName={pointName} />
              <WaitChart report={wait} />
              <InterpretingChart report={interpreting} />
            </div>
          </section>
          <section className="admin-subsection" aria-labelledby="stats-texts-heading">
            <h3 id="stats-texts-heading">{t('stats.texts')}</h3>
            <p className="admin-field__hint">{t('stats.textsHint')}</p>
            <FeedbackTexts report={texts} />
          </section>
        </>
      ) : null}
    </section>
  );
}
