import { skillKey, type InterpreterRequest, type InterpretingSkill } from '@etapiste/shared';
import { skillLabel, useTranslate } from '@etapiste/shared/react';
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAgentStore } from '../store/index.ts';
import { isOpenRequest, sessionInterpreterRequests } from '../store/interpreting-slice.ts';
import './interpreting.css';

/** "Request interpreter" among the call controls. */
export function InterpreterButton() {
  const { t } = useTranslate();
  const { open, toggle } = useAgentStore(useShallow((s) => ({ open: s.interpreterPanelOpen, toggle: s.toggleInterpreterPanel })));
  return (
    <button type="button" className="button" data-testid="interpreter-open" aria-expanded={open} aria-controls="interpreter-panel" onClick={toggle}>
      {t('agent.requestInterpreter')}
    </button>
  );
}

/** The skill choice of the agency's contracted interpreting, opened by InterpreterButton. */
export function InterpreterPanel() {
  const { t, language } = useTranslate();
  const { open, skills, error, request } = useAgentStore(
    useShallow((s) => ({ open: s.interpreterPanelOpen, skills: s.interpretingSkills, error: s.interpreterRequestError, request: s.requestInterpreter })),
  );
  const [chosen, setChosen] = useState('');
  if (!open) return null;
  if (skills === null) return <div id="interpreter-panel" className="interpreter-panel">{t('common.loading')}</div>;
  const options = skills.map((skill) => ({ key: skillKey(skill), skill, label: skillLabel(skill, language, t) }));
  const selected = options.find((option) => option.key === chosen) ?? options[0];
  return (
    <div id="interpreter-panel" className="interpreter-panel" data-testid="interpreter-panel">
      {options.length === 0 ? (
        <p>{t('agent.noInterpreting')}</p>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (selected) void request(selected.skill as InterpretingSkill);
          }}
        >
          <label htmlFor="interpreter-skill">{t('agent.interpreterSkill')}</label>
          <select id="interpreter-skill" data-testid="interpreter-skill" value={selected?.key ?? ''} onChange={(event) => setChosen(event.target.value)}>
            {options.map((option) => (
              <option key={option.key} value={option.key}>
                {option.label}
              </option>
            ))}
          </select>
          <button type="submit" className="button button--primary" data-testid="interpreter-request">
            {t('agent.callInterpreter')}
          </button>
        </form>
      )}
      {error ? (
        <p className="error" role="alert">
          {t('agent.interpreterRequestFailed', { message: error })}
        </p>
      ) : null}
    </div>
  );
}

/** How each interpreter request of the session is doing, with cancel while it is open. */
export function InterpreterProgress() {
  const requests = useAgentStore(useShallow(sessionInterpreterRequests));
  return (
    <ul className="interpreter-progress" aria-live="polite" data-testid="interpreter-progress">
      {requests.map((request) => (
        <RequestLine key={request.requestId} request={request} />
      ))}
    </ul>
  );
}

function RequestLine({ request }: { request: InterpreterRequest }) {
  const { t, language } = useTranslate();
  const cancel = useAgentStore((s) => s.cancelInterpreter);
  const vars = { skill: skillLabel(request.skill, language, t), name: request.interpreterName ?? t('agent.interpreter'), batch: request.batch, rung: request.rungCount };
  const open = isOpenRequest(request);
  return (
    <li className={`interpreter-progress__item interpreter-progress__item--${request.state}`} data-testid="interpreter-request-status" data-state={request.state}>
      <span>{t(`agent.interpreting.${request.state}`, vars)}</span>
      {open ? (
        <button type="button" className="button button--small" data-testid="interpreter-cancel" onClick={() => void cancel(request.requestId)}>
          {t('agent.cancelInterpreter')}
        </button>
      ) : null}
    </li>
  );
}
