import { skillLabel, useTranslate } from '@etapiste/shared/react';
import { useInterpreterStore } from '../store/index.ts';

/** Today's booked assignments: time, need, agency and place. The invitation rings when the customer is served. */
export function Assignments() {
  const { t, language } = useTranslate();
  const assignments = useInterpreterStore((state) => state.assignments);
  return (
    <section className="panel" aria-labelledby="assignments-heading" data-testid="assignments">
      <h2 id="assignments-heading">{t('interpreter.assignments')}</h2>
      {assignments.length === 0 ? (
        <p className="empty">{t('interpreter.noAssignments')}</p>
      ) : (
        <ul className="assignments">
          {[...assignments]
            .sort((a, b) => a.startsAt - b.startsAt)
            .map((assignment) => (
              <li key={assignment.bookingId} className="assignment" data-testid="assignment">
                <strong>{t('interpreter.assignmentTime', { from: assignment.from, to: assignment.to })}</strong>
                <span>{skillLabel(assignment.skill, language, t)}</span>
                <span>
                  {assignment.agency.name[language]} · {assignment.servicePoint.name[language]}, {assignment.servicePoint.municipality}
                </span>
                <span className="muted">{t(`interpreter.assignmentStatus.${assignment.status}`)}</span>
              </li>
            ))}
        </ul>
      )}
    </section>
  );
}
