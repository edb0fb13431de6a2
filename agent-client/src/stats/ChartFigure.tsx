import { useTranslate } from '@etapiste/shared/react';
import { useId, type ReactNode } from 'react';

export interface ChartTable {
  /** Header of the first column (what each row is: an hour, a day, a language). */
  rowHeader: string;
  columns: string[];
  rows: { label: string; cells: string[] }[];
}

/**
 * One chart with its heading, a visible one-line summary and, for screen readers, the chart's
 * figures as a table (the canvas itself is only an image).
 */
export function ChartFigure(props: {
  testId: string;
  title: string;
  summary: string | null;
  /** Shown instead of the chart (no data, or it could not be loaded). */
  message: string | null;
  note?: string | null;
  table: ChartTable | null;
  children: ReactNode;
}) {
  const { t } = useTranslate();
  const headingId = useId();
  return (
    <section className="stats-chart" data-testid={props.testId} aria-labelledby={headingId}>
      <h4 id={headingId}>{props.title}</h4>
      {props.message ? (
        <p className="stats-chart__message">{props.message}</p>
      ) : (
        <>
          {props.summary ? <p className="stats-chart__summary">{props.summary}</p> : null}
          {props.children}
          {props.table ? (
            <table className="visually-hidden">
              <caption>{t('stats.chart.dataOf', { title: props.title })}</caption>
              <thead>
                <tr>
                  <th scope="col">{props.table.rowHeader}</th>
                  {props.table.columns.map((column) => (
                    <th key={column} scope="col">
                      {column}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {props.table.rows.map((row) => (
                  <tr key={row.label}>
                    <th scope="row">{row.label}</th>
                    {row.cells.map((cell, index) => (
                      <td key={props.table!.columns[index]}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      )}
      {props.note ? <p className="stats-chart__note">{props.note}</p> : null}
    </section>
  );
}
