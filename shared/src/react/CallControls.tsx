import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n/index.ts';
import { useTranslate } from './i18n.tsx';

export interface CallControlsProps {
  micMuted: boolean;
  cameraOff: boolean;
  onToggleMute: () => void;
  onToggleCamera: () => void;
  onEnd: () => void;
  endLabelKey?: MessageKey;
  /** Extra buttons shown before the end button (e.g. swap views). */
  children?: ReactNode;
}

/** Microphone, camera and end buttons of a staff call view. */
export function CallControls({ micMuted, cameraOff, onToggleMute, onToggleCamera, onEnd, endLabelKey = 'agent.end', children }: CallControlsProps) {
  const { t } = useTranslate();
  return (
    <div className="call-controls" role="group" aria-label={t('call.controls')}>
      <button type="button" className="button" data-testid="mute" onClick={onToggleMute}>
        {micMuted ? t('call.unmute') : t('call.mute')}
      </button>
      <button type="button" className="button" data-testid="camera-off" onClick={onToggleCamera}>
        {cameraOff ? t('call.cameraOn') : t('call.cameraOff')}
      </button>
      {children}
      <button type="button" className="button button--danger" data-testid="end-session" onClick={onEnd}>
        {t(endLabelKey)}
      </button>
    </div>
  );
}
