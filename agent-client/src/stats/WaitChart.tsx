import type { VisitsReport } from '@etapiste/shared';
import { useTranslate } from '@etapiste/shared/react';
import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'react';
import { ChartCanvas, seriesColours } from './ChartCanvas.tsx';
import { ChartFigure, type ChartTable } from './ChartFigure.tsx';
import { formatNumber, keyLabel } from './stats-format.ts';

/** The waiting-time trend: median and 90th percentile of the wait, by day or by week. */
export function WaitChart({ report }: { report: VisitsReport | null }) {
  const { t, language } = useTranslate();
  const period = report?.groupBy[0] === 'week' ? 'week' : 'day';
  const title = period === 'week' ? t('stats.chart.waitWeekly') : t('stats.chart.waitDaily');
  const model = useMemo(() => {
    if (!report) return null;
    const rows = report.rows.filter((row) => row.key[period] !== undefined && row.key[period] !== null);
    const medians = rows.map((row) => row.waitMedianMin).filter((value): value is number => value !== null);
    const hidden = rows.some((row) => row.suppressedFields.includes('waitMedianMin') || row.suppressedFields.includes('waitP90Min'));
    if (!rows.some((row) => row.waitMedianMin !== null || row.waitP90Min !== null)) return { empty: true as const, hidden };
    const labels = rows.map((row) => keyLabel(period, row.key[period], { catalogue: null, language, t }));
    const config: ChartConfiguration = {
      type: 'line',
      data: {
        labels,
        datasets: [
          {
            label: t('stats.chart.waitMedian'),
            data: rows.map((row) => row.waitMedianMin),
            borderColor: seriesColours[0],
            backgroundColor: seriesColours[0],
            borderWidth: 3,
            pointRadius: 4,
            pointStyle: 'circle',
          },
          {
            label: t('stats.chart.waitP90'),
            data: rows.map((row) => row.waitP90Min),
            borderColor: seriesColours[1],
            backgroundColor: seriesColours[1],
            borderWidth: 3,
            borderDash: [8, 6],
            pointRadius: 5,
            pointStyle: 'triangle',
          },
        ],
      },
      options: {
        scales: {
          x: { title: { display: true, text: t('stats.chart.period') } },
          y: { beginAtZero: true, title: { display: true, text: t('stats.chart.minutes') } },
        },
        plugins: { legend: { position: 'bottom', labels: { usePointStyle: true } } },
      },
    };
    const cell = (value: number | null, suppressed: boolean) => (value !== null ? formatNumber(value, language) : suppressed ? `– (${t('stats.hidden')})` : t('stats.noData'));
    const table: ChartTable = {
      rowHeader: t('stats.chart.period'),
      columns: [t('stats.chart.waitMedian'), t('stats.chart.waitP90')],
      rows: rows.map((row, index) => ({
        label: labels[index]!,
        cells: [cell(row.waitMedianMin, row.suppressedFields.includes('waitMedianMin')), cell(row.waitP90Min, row.suppressedFields.includes('waitP90Min'))],
      })),
    };
    const summary =
      medians.length > 0
        ? t('stats.chart.waitSummary', { min: formatNumber(Math.min(...medians), language), max: formatNumber(Math.max(...medians), language) })
        : null;
    return { empty: false as const, config, table, summary, hidden };
  }, [report, period, t, language]);

  const message = !report ? t('stats.chart.unavailable') : model?.empty ? t('stats.chart.empty') : null;
  const ready = model && !model.empty ? model : null;
  return (
    <ChartFigure
      testId="stats-chart-wait"
      title={title}
      summary={ready?.summary ?? null}
      message={message}
      note={model?.hidden ? t('stats.chart.hiddenNote', { threshold: report?.suppressionThreshold ?? 5 }) : null}
      table={ready?.table ?? null}
    >
      {ready ? <ChartCanvas config={ready.config} label={[title, ready.summary].filter(Boolean).join('. ')} /> : null}
    </ChartFigure>
  );
}
