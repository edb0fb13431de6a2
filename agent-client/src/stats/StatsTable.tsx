import type { VisitFigure, VisitsReport, VisitsRow } from '@etapiste/shared';
import { useTranslate } from '@etapiste/shared/react';
import { useId } from 'react';
import { useAgentStore } from '../store/index.ts';
import { formatDay, formatNumber, keyLabel, rowKeyId, tableFigures } from './stats-format.ts';

/** Figures that are whole counts (the rest are means, medians or minutes). */
const counts = new Set<VisitFigure>(['visits', 'served', 'walkIn', 'booked', 'noShows', 'transfers', 'feedbackCount', 'interpreterRequests', 'deviceUses']);

/**
 * The visits report as a table: a row per group (its keys as row headers), a column per figure.
 * Figures hidden by the small-count rule show "–", explained by the legend under the table.
 */
export function StatsTable({ report }: { report: VisitsReport }) {
  const { t, language } = useTranslate();
  const catalogue = useAgentStore((state) => state.adminCatalogue);
  const captionId = useId();
  const legendId = useId();
  const context = { catalogue, language, t };
  const grouping = report.groupBy.map((group) => t(`stats.groupBy.${group}`)).join(', ');
  const anySuppressed = report.rows.some((row) => row.suppressed);

  const cell = (row: VisitsRow, figure: VisitFigure) => {
    const value = row[figure];
    if (value === null && row.suppressedFields.includes(figure)) {
      return (
        <td key={figure} className="stats-cell stats-cell--hidden" data-testid={`stats-cell-${figure}`}>
          <span aria-hidden="true">–</span>
          <span className="visually-hidden">{t('stats.hidden')}</span>
        </td>
      );
    }
    if (value === null) {
      return (
        <td key={figure} className="stats-cell stats-cell--none" data-testid={`stats-cell-${figure}`}>
          <span className="visually-hidden">{t('stats.noData')}</span>
        </td>
      );
    }
    return (
      <td key={figure} className="stats-cell" data-testid={`stats-cell-${figure}`}>
        {counts.has(figure) ? formatNumber(Math.round(value), language) : formatNumber(value, language)}
      </td>
    );
  };

  return (
    <>
      <div className="stats-table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="admin-table stats-table" data-testid="stats-table" aria-describedby={legendId}>
          <caption id={captionId}>{t('stats.caption', { from: formatDay(report.from, language), to: formatDay(report.to, language), grouping })}</caption>
          <thead>
            <tr>
              {report.groupBy.map((group) => (
                <th key={group} scope="col">
                  {t(`stats.groupBy.${group}`)}
                </th>
              ))}
              {tableFigures.map((figure) => (
                <th key={figure} scope="col" className="stats-table__figure">
                  {t(`stats.figure.${figure}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row) => {
              const id = rowKeyId(row.key, report.groupBy);
              return (
                <tr key={id} data-testid={`stats-row-${id}`} data-suppressed={row.suppressed ? 'true' : 'false'} className={row.suppressed ? 'is-suppressed' : undefined}>
                  {report.groupBy.map((group) => (
                    <th key={group} scope="row">
                      {keyLabel(group, row.key[group], context)}
                    </th>
                  ))}
                  {tableFigures.map((figure) => cell(row, figure))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {report.rows.length === 0 ? <p className="admin-empty">{t('stats.noRows')}</p> : null}
      <p id={legendId} className={anySuppressed ? 'stats-legend stats-legend--used' : 'stats-legend'} data-testid="stats-suppression-legend">
        {t('stats.legend', { threshold: report.suppressionThreshold })}
      </p>
    </>
  );
}
