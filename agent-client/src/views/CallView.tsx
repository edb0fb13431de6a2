import type { RemoteTrack } from '@etapiste/shared/client';
import type { MessageKey } from '@etapiste/shared/i18n';
import { CallControls, LiveCaptions, localTrackOf, useTranslate, VideoTile } from '@etapiste/shared/react';
import { useShallow } from 'zustand/react/shallow';
import { useAgentStore, type LargeSource } from '../store/index.ts';
import type { CallNotice } from '../store/types.ts';
import { ParticipantLinks } from './ParticipantLinks.tsx';
import { DevicePanel, documentViewStyle } from '../devices/DevicePanel.tsx';
import { useExpertDevices } from '../devices/expert-devices.ts';
import { IdentityPanel } from '../identity/IdentityPanel.tsx';
import { InterpreterButton, InterpreterPanel, InterpreterProgress } from './InterpreterControl.tsx';
import { TransferButton, TransferPanel } from './TransferControl.tsx';
import './transfer.css';

const notices: Record<CallNotice, MessageKey> = {
  cameraError: 'call.cameraError',
  mediaFailed: 'call.mediaFailed',
  transferDeclined: 'agent.transferDeclined',
  transferFailed: 'agent.transferFailed',
};

const customerTrack = (tracks: RemoteTrack[], source: LargeSource) =>
  tracks.find((track) => track.participantRole === 'customer' && track.source === source);

/** The customer's two cameras (one large, one small), the interpreter when one has joined, own preview, the call controls, interpreting and chaining. */
export function CallView() {
  const { t, language } = useTranslate();
  const state = useAgentStore(
    useShallow((s) => ({
      session: s.activeSession,
      info: s.activeInfo,
      largeSource: s.largeSource,
      callNotice: s.callNotice,
      callState: s.callState,
      localTracks: s.localTracks,
      remoteTracks: s.remoteTracks,
      micMuted: s.micMuted,
      cameraOff: s.cameraOff,
      swapViews: s.swapViews,
      toggleMute: s.toggleMute,
      toggleCamera: s.toggleCamera,
      endSession: s.endSession,
      callEngine: s.callEngine,
    })),
  );
  const documentView = useExpertDevices((s) => s.view);
  if (!state.session) return null;
  const smallSource: LargeSource = state.largeSource === 'documentCamera' ? 'faceCamera' : 'documentCamera';
  const labels: Record<LargeSource, string> = { documentCamera: t('agent.documentCamera'), faceCamera: t('agent.customer') };
  const connecting = state.callState === 'idle' || state.callState === 'connecting';
  const placeholder = connecting ? t('call.connecting') : t('call.noVideo');
  const tile = (source: LargeSource, className: string) => {
    const remote = customerTrack(state.remoteTracks, source);
    return (
      <VideoTile
        className={className}
        track={remote?.track ?? null}
        paused={remote?.paused ?? false}
        label={labels[source]}
        placeholder={placeholder}
        {...(source === 'documentCamera' ? { videoStyle: documentViewStyle(documentView) } : {})}
        data-testid={`customer-${source}`}
      />
    );
  };
  const status = state.callNotice
    ? t(notices[state.callNotice])
    : state.callState === 'reconnecting' || state.callState === 'disconnected' || state.callState === 'failed'
      ? t('call.reconnecting')
      : null;
  const interpreter = state.remoteTracks.find((track) => track.participantRole === 'interpreter' && track.source === 'faceCamera');
  const info = state.info;
  const title = info?.servicePoint && info.serviceName
    ? t('agent.inCallTitle', { servicePoint: info.servicePoint.name[language], service: info.serviceName[language] })
    : t('agent.customer');

  return (
    <section className="consultation" aria-labelledby="consultation-heading" data-testid="in-call">
      <div className="consultation__heading">
        <h2 id="consultation-heading">
          {info?.number ? <span className="consultation__number">{info.number}</span> : null}
          {title}
        </h2>
        <p>{t('agent.sessionLanguage', { language: t(`language.${state.session.language}`) })}</p>
      </div>
      <div className="consultation__stage">
        {tile(state.largeSource, 'consultation__large')}
        <div className="consultation__side">
          {tile(smallSource, 'consultation__small')}
          {interpreter ? (
            <VideoTile
              className="consultation__small"
              track={interpreter.track}
              paused={interpreter.paused}
              label={t('agent.interpreter')}
              placeholder={t('call.noVideo')}
              data-testid="interpreter-video"
            />
          ) : null}
          <VideoTile
            className="consultation__small"
            track={localTrackOf(state.localTracks, 'faceCamera')}
            paused={state.cameraOff}
            mirrored
            label={t('agent.ownVideo')}
            placeholder={t('call.noVideo')}
            data-testid="own-video"
          />
        </div>
      </div>
      <p role="status" className="consultation__status" data-testid="notice" data-call-state={state.callState}>
        {status}
      </p>
      <ParticipantLinks sessionId={state.session.sessionId} />
      <InterpreterProgress />
      <LiveCaptions engine={state.callEngine} className="consultation__captions" />
      <div className="consultation__controls">
        <CallControls
          micMuted={state.micMuted}
          cameraOff={state.cameraOff}
          onToggleMute={() => void state.toggleMute()}
          onToggleCamera={() => void state.toggleCamera()}
          onEnd={() => void state.endSession()}
        >
          <button type="button" className="button" data-testid="swap-views" onClick={state.swapViews}>
            {t('agent.swapViews')}
          </button>
          <InterpreterButton />
          <TransferButton />
        </CallControls>
        <InterpreterPanel />
        <TransferPanel />
        <IdentityPanel />
      </div>
      <DevicePanel />
      {state.remoteTracks
        .filter((track) => track.kind === 'audio')
        .map((track) => (
          <VideoTile key={track.consumerId} track={track.track} label={t('agent.customer')} />
        ))}
    </section>
  );
}
