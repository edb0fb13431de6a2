import type { InterpretingReport } from '@etapiste/shared';
import { useTranslate } from '@etapiste/shared/react';
import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'react';
import { ChartCanvas, seriesColours } from './ChartCanvas.tsx';
import { ChartFigure, type ChartTable } from './ChartFigure.tsx';
import { formatNumber, interpretingLanguageName } from './stats-format.ts';

/** How fast interpreters answered, by interpreting language (median seconds from request to answer). */
export function InterpretingChart({ report }: { report: InterpretingReport | null }) {
  const { t, language } = useTranslate();
  const title = t('stats.chart.interpreting');
  const model = useMemo(() => {
    if (!report) return null;
    const rows = report.rows;
    const hidden = rows.some((row) => row.suppressedFields.includes('answerMedianSec'));
    if (!rows.some((row) => row.answerMedianSec !== null)) return { empty: true as const, hidden };
    const labels = rows.map((row) => interpretingLanguageName(typeof row.key.language === 'string' ? row.key.language : null, language, t));
    const config: ChartConfiguration = {
      type: 'bar',
      data: {
        labels,
        datasets: [{ label: t('stats.chart.answerMedian'), data: rows.map((row) => row.answerMedianSec), backgroundColor: seriesColours[2] }],
      },
      options: {
        indexAxis: 'y',
        scales: {
          x: { beginAtZero: true, title: { display: true, text: t('stats.chart.seconds') } },
          y: { title: { display: true, text: t('stats.chart.interpretingLanguage') } },
        },
        plugins: { legend: { display: false } },
      },
    };
    const table: ChartTable = {
      rowHeader: t('stats.chart.interpretingLanguage'),
      columns: [t('stats.chart.answerMedian')],
      rows: rows.map((row, index) => ({
        label: labels[index]!,
        cells: [
          row.answerMedianSec !== null
            ? formatNumber(row.answerMedianSec, language)
            : row.suppressedFields.includes('answerMedianSec')
              ? `– (${t('stats.hidden')})`
              : t('stats.noData'),
        ],
      })),
    };
    return { empty: false as const, config, table, hidden };
  }, [report, t, language]);

  const message = !report
    ? t('stats.chart.unavailable')
    : report.rows.length === 0
      ? t('stats.chart.interpretingEmpty')
      : model?.empty
        ? t('stats.chart.empty')
        : null;
  const ready = model && !model.empty ? model : null;
  return (
    <ChartFigure
      testId="stats-chart-interpreting"
      title={title}
      summary={null}
      message={message}
      note={model?.hidden ? t('stats.chart.hiddenNote', { threshold: report?.suppressionThreshold ?? 5 }) : null}
      table={ready?.table ?? null}
    >
      {ready ? <ChartCanvas config={ready.config} label={title} /> : null}
    </ChartFigure>
  );
}
