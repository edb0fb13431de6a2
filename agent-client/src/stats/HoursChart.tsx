import type { VisitsReport } from '@etapiste/shared';
import { useTranslate } from '@etapiste/shared/react';
import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'react';
import { ChartCanvas, seriesColours } from './ChartCanvas.tsx';
import { ChartFigure, type ChartTable } from './ChartFigure.tsx';
import { formatNumber, hourSpan, weekdayName } from './stats-format.ts';

/** Visits by hour of the day, a bar per hour stacked by weekday, for the chosen point (or all). */
export function HoursChart({ report, pointName }: { report: VisitsReport | null; pointName: string }) {
  const { t, language } = useTranslate();
  const title = t('stats.chart.hours', { point: pointName });
  const model = useMemo(() => {
    if (!report) return null;
    const cells = new Map<string, number | null>();
    const hours = new Set<number>();
    const weekdays = new Set<number>();
    let hidden = false;
    for (const row of report.rows) {
      const hour = Number(row.key.hour);
      const weekday = Number(row.key.weekday);
      if (!Number.isInteger(hour) || !Number.isInteger(weekday)) continue;
      hours.add(hour);
      weekdays.add(weekday);
      cells.set(`${weekday}@${hour}`, row.visits);
      if (row.visits === null) hidden = true;
    }
    if (![...cells.values()].some((visits) => visits !== null && visits > 0)) return { empty: true as const, hidden };
    const first = Math.min(...hours);
    const last = Math.max(...hours);
    const hourList = Array.from({ length: last - first + 1 }, (_, index) => first + index);
    const dayList = [...weekdays].sort((a, b) => a - b);
    const value = (weekday: number, hour: number) => (cells.has(`${weekday}@${hour}`) ? cells.get(`${weekday}@${hour}`)! : 0);
    let busiest: { weekday: number; hour: number; visits: number } | null = null;
    for (const weekday of dayList)
      for (const hour of hourList) {
        const visits = value(weekday, hour);
        if (visits !== null && (!busiest || visits > busiest.visits)) busiest = { weekday, hour, visits };
      }
    const config: ChartConfiguration = {
      type: 'bar',
      data: {
        labels: hourList.map(hourSpan),
        datasets: dayList.map((weekday, index) => ({
          label: weekdayName(weekday, t),
          data: hourList.map((hour) => value(weekday, hour)),
          backgroundColor: seriesColours[index % seriesColours.length],
          borderColor: '#ffffff',
          borderWidth: 1,
        })),
      },
      options: {
        scales: {
          x: { stacked: true, title: { display: true, text: t('stats.chart.hour') } },
          y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: t('stats.chart.visits') } },
        },
        plugins: { legend: { position: 'bottom' } },
      },
    };
    const table: ChartTable = {
      rowHeader: t('stats.chart.hour'),
      columns: dayList.map((weekday) => weekdayName(weekday, t)),
      rows: hourList.map((hour) => ({
        label: hourSpan(hour),
        cells: dayList.map((weekday) => {
          const visits = value(weekday, hour);
          return visits === null ? `– (${t('stats.hidden')})` : formatNumber(visits, language);
        }),
      })),
    };
    const summary =
      busiest && busiest.visits > 0
        ? t('stats.chart.hoursSummary', { weekday: weekdayName(busiest.weekday, t), hour: hourSpan(busiest.hour), visits: formatNumber(busiest.visits, language) })
        : null;
    return { empty: false as const, config, table, summary, hidden };
  }, [report, t, language]);

  const message = !report ? t('stats.chart.unavailable') : model?.empty ? t('stats.chart.empty') : null;
  const ready = model && !model.empty ? model : null;
  return (
    <ChartFigure
      testId="stats-chart-hours"
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
