import { useTranslate } from '@etapiste/shared/react';
import { useShallow } from 'zustand/react/shallow';
import { useAgentStore } from '../store/index.ts';

/** Each other participant's connection: quality (from the SFU's statistics) or "reconnecting". */
export function ParticipantLinks({ sessionId }: { sessionId: string }) {
  const { t } = useTranslate();
  const links = useAgentStore(useShallow((state) => (state.links?.sessionId === sessionId ? state.links.participants : [])));
  if (links.length === 0) return null;
  return (
    <section className="consultation__links" aria-label={t('call.connectionQuality')}>
      <ul>
        {links.map((link) => (
          <li
            key={link.participantId}
            className={`link link--${link.presence === 'present' ? link.level : link.presence}`}
            data-testid={`link-${link.role}`}
            data-presence={link.presence}
            data-level={link.level}
          >
            <span className="link__role">{t(`call.role.${link.role}`)}</span>{' '}
            <span role="status">
              {link.presence === 'reconnecting'
                ? t('call.participantReconnecting')
                : link.presence === 'left'
                  ? t('call.participantLeft')
                  : `${t('call.connectionQuality')}: ${t(`call.quality.${link.level}`)}`}
            </span>
            {link.presence === 'present' && link.rttMs !== null ? <span className="link__figures"> ({Math.round(link.rttMs)} ms{link.lossPct !== null ? `, ${link.lossPct} %` : ''})</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
