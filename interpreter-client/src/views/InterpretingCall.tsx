import type { RemoteTrack } from '@etapiste/shared/client';
import { CallControls, CaptionComposer, localTrackOf, useTranslate, VideoTile } from '@etapiste/shared/react';
import { useShallow } from 'zustand/react/shallow';
import { useInterpreterStore } from '../store/index.ts';

const videoOf = (tracks: RemoteTrack[], role: 'customer' | 'expert', source: 'faceCamera' | 'documentCamera') =>
  tracks.find((track) => track.participantRole === role && track.source === source && track.kind === 'video');

/** The customer's face and the expert side by side, the document camera on demand, own preview, mute, camera off, leave. */
export function InterpretingCall() {
  const { t, language } = useTranslate();
  const state = useInterpreterStore(
    useShallow((s) => ({
      session: s.session,
      agency: s.sessionAgency,
      documentShown: s.documentShown,
      callState: s.callState,
      localTracks: s.localTracks,
      remoteTracks: s.remoteTracks,
      micMuted: s.micMuted,
      cameraOff: s.cameraOff,
      toggleMute: s.toggleMute,
      toggleCamera: s.toggleCamera,
      toggleDocument: s.toggleDocument,
      leaveSession: s.leaveSession,
      callEngine: s.callEngine,
      typesCaptions: s.profile?.skills.some((skill) => skill.modality === 'speechToText') ?? false,
    })),
  );
  if (!state.session) return null;
  const connecting = state.callState === 'idle' || state.callState === 'connecting';
  const placeholder = connecting ? t('call.connecting') : t('call.noVideo');
  const tile = (role: 'customer' | 'expert', source: 'faceCamera' | 'documentCamera', label: string, testId: string) => {
    const remote = videoOf(state.remoteTracks, role, source);
    return (
      <VideoTile
        className="interpreting__tile"
        track={remote?.track ?? null}
        paused={remote?.paused ?? false}
        label={label}
        placeholder={placeholder}
        data-testid={testId}
      />
    );
  };
  const troubled = state.callState === 'disconnected' || state.callState === 'failed';
  return (
    <section className="interpreting" aria-labelledby="interpreting-heading" data-testid="interpreter-in-call">
      <h2 id="interpreting-heading">{t('interpreter.inCall', { agency: state.agency?.name[language] ?? state.session.agencyId })}</h2>
      {state.session.status === 'waiting' ? <p className="notice">{t('interpreter.waitingForCustomer')}</p> : null}
      <div className={state.documentShown ? 'interpreting__stage interpreting__stage--three' : 'interpreting__stage'}>
        {tile('customer', 'faceCamera', t('interpreter.customer'), 'customer-video')}
        {tile('expert', 'faceCamera', t('interpreter.expert'), 'expert-video')}
        {state.documentShown ? tile('customer', 'documentCamera', t('interpreter.documentCamera'), 'document-video') : null}
      </div>
      <div className="interpreting__bar">
        <VideoTile
          className="interpreting__own"
          track={localTrackOf(state.localTracks, 'faceCamera')}
          paused={state.cameraOff}
          mirrored
          label={t('interpreter.ownVideo')}
          placeholder={t('call.noVideo')}
          data-testid="own-video"
        />
        <CallControls
          micMuted={state.micMuted}
          cameraOff={state.cameraOff}
          onToggleMute={() => void state.toggleMute()}
          onToggleCamera={() => void state.toggleCamera()}
          onEnd={() => void state.leaveSession()}
          endLabelKey="interpreter.leave"
        >
          <button type="button" className="button" aria-pressed={state.documentShown} data-testid="toggle-document" onClick={state.toggleDocument}>
            {state.documentShown ? t('interpreter.hideDocument') : t('interpreter.showDocument')}
          </button>
        </CallControls>
      </div>
      {state.typesCaptions ? <CaptionComposer engine={state.callEngine} /> : null}
      <p role="status" className="consultation__status">
        {troubled ? t('common.connectionLost') : null}
      </p>
      {state.remoteTracks
        .filter((track) => track.kind === 'audio')
        .map((track) => (
          <VideoTile key={track.consumerId} track={track.track} label={track.participantRole} />
        ))}
    </section>
  );
}
