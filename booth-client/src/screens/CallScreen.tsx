import type { RemoteTrack } from '@etapiste/shared/client';
import { LiveCaptions, localTrackOf, useTranslate, VideoTile } from '@etapiste/shared/react';
import { useShallow } from 'zustand/react/shallow';
import { ScreenHeading } from '../components/ScreenHeading.tsx';
import { DeviceDialog } from '../devices/DeviceDialog.tsx';
import { useBoothDevices } from '../devices/device-store.ts';
import { InterpreterStatus } from '../interpreting/InterpreterStatus.tsx';
import '../interpreting/interpreting.css';
import { useBoothStore } from '../store/index.ts';
import { IdentityDialog } from '../identity/IdentityDialog.tsx';
import { TransferDialog } from './TransferDialog.tsx';

const expertFace = (track: RemoteTrack) => track.participantRole === 'expert' && track.source === 'faceCamera';
const interpreterFace = (track: RemoteTrack) => track.participantRole === 'interpreter' && track.source === 'faceCamera';

/** The expert large (beside them the interpreter, when one has joined), the customer's own face and document camera small, hang up, and a transfer offer over it. */
export function CallScreen() {
  const { t } = useTranslate();
  const { callState, localTracks, remoteTracks, cameraFailed, hangUp, transferOffered, callEngine } = useBoothStore(
    useShallow((state) => ({
      callState: state.callState,
      localTracks: state.localTracks,
      remoteTracks: state.remoteTracks,
      cameraFailed: state.cameraFailed,
      hangUp: state.hangUp,
      transferOffered: state.transferOffer !== null,
      callEngine: state.callEngine,
    })),
  );
  const deviceDialogOpen = useBoothDevices((state) => state.task !== null);
  const expert = remoteTracks.find(expertFace);
  const interpreter = remoteTracks.find(interpreterFace);
  const audio = remoteTracks.filter((track) => track.kind === 'audio');
  const connecting = callState === 'idle' || callState === 'connecting';
  const troubled = callState === 'reconnecting' || callState === 'disconnected' || callState === 'failed';
  const ownFace = localTrackOf(localTracks, 'faceCamera');
  const documentCamera = localTrackOf(localTracks, 'documentCamera');

  return (
    <section className="call" data-testid="in-call">
      <ScreenHeading className="call__title">{t('booth.inCall')}</ScreenHeading>
      <div className={interpreter ? 'call__layout call__layout--interpreter' : 'call__layout'} inert={transferOffered || deviceDialogOpen}>
        <div className="call__stage">
          <VideoTile
            className="call__main"
            track={expert?.track ?? null}
            paused={expert?.paused ?? false}
            label={t('booth.expertVideo')}
            placeholder={connecting ? t('call.connecting') : t('call.noVideo')}
            data-testid="expert-video"
          />
          {interpreter ? (
            <VideoTile
              className="call__main"
              track={interpreter.track}
              paused={interpreter.paused}
              label={t('booth.interpreterVideo')}
              placeholder={t('call.noVideo')}
              data-testid="interpreter-video"
            />
          ) : null}
          <LiveCaptions engine={callEngine} className="call__captions" />
        </div>
        <div className="call__side">
          <VideoTile track={ownFace} mirrored label={t('booth.ownVideo')} placeholder={t('call.noVideo')} data-testid="own-video" />
          {documentCamera ? (
            <VideoTile track={documentCamera} muted label={t('booth.documentCamera')} data-testid="document-video" />
          ) : null}
          {documentCamera ? <p className="call__hint">{t('booth.documentCameraHint')}</p> : null}
          <InterpreterStatus />
          <div className="call__status" role="status" data-testid="call-status" data-call-state={callState}>
            {troubled ? t('booth.reconnecting') : null}
            {cameraFailed ? t('booth.cameraError') : null}
          </div>
          <button type="button" className="button button--danger" data-testid="hang-up" onClick={() => void hangUp()}>
            {t('booth.hangUp')}
          </button>
        </div>
      </div>
      {audio.map((track) => (
        <VideoTile key={track.consumerId} track={track.track} label={track.participantRole === 'interpreter' ? t('booth.interpreterVideo') : t('booth.expertVideo')} />
      ))}
      <TransferDialog />
      <DeviceDialog />
      <IdentityDialog />
    </section>
  );
}
