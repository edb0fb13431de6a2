import { CallEngine, type CallStartOptions, type CallState, type LocalTrackSpec, type RemoteTrack } from '../client/call-engine.ts';
import type { SignalingClient } from '../client/signaling-client.ts';
import type { MediaSource } from '../domain.ts';
import type { SliceCreator } from './slice.ts';

export interface CallSlice {
  /** 'idle' when there is no call. */
  callState: CallState;
  /** The engine could not set up media. */
  callFailed: boolean;
  localTracks: LocalTrackSpec[];
  /** Tracks of the other participants; changes only when a track comes, goes or is paused. */
  remoteTracks: RemoteTrack[];
  micMuted: boolean;
  cameraOff: boolean;
  /**
   * The running call's engine (set when the call has started, null otherwise; changes only
   * then), for pieces that subscribe to it themselves, such as live captions.
   */
  callEngine: CallEngine | null;
  /**
   * Publishes `localTracks` and receives the others'. Rejects if media cannot be set up.
   * `paused: true` publishes without sending (a booth warming up while it waits).
   */
  startCall: (
    signaling: SignalingClient,
    sessionId: string,
    localTracks: LocalTrackSpec[],
    options?: CallStartOptions,
  ) => Promise<void>;
  /** Receive the others' `source` (true) or leave it paused at the SFU (false). */
  setRemoteSourceWanted: (source: MediaSource, wanted: boolean) => Promise<void>;
  /** Starts sending the tracks published paused. */
  resumeCall: () => Promise<void>;
  toggleMute: () => Promise<void>;
  toggleCamera: () => Promise<void>;
  /** Closes the engine and stops the local tracks. Safe to call when there is no call. */
  stopCall: () => void;
}

const idle = {
  callState: 'idle',
  callFailed: false,
  localTracks: [],
  remoteTracks: [],
  micMuted: false,
  cameraOff: false,
  callEngine: null,
} satisfies Partial<CallSlice>;

export function localTrackOf(tracks: LocalTrackSpec[], source: MediaSource): MediaStreamTrack | null {
  return tracks.find((spec) => spec.source === source)?.track ?? null;
}

/**
 * One call at a time on top of CallEngine. The engine lives in this closure, not in the
 * state; the state holds only what the UI renders.
 */
export interface CallSliceOptions {
  /** After a reconnection the call's session was gone (it ended while the connection was down). */
  onSessionLost?: (sessionId: string) => void;
  /** Told about the engine once its call has started, and `null` when the call stops (device actions hook in here). */
  onEngine?: (engine: CallEngine | null) => void;
}

export function createCallSlice(sliceOptions: CallSliceOptions = {}): SliceCreator<CallSlice> {
  return (set, get) => {
    let engine: CallEngine | null = null;
    let unsubscribe: (() => void)[] = [];

    const togglePaused = async (source: MediaSource, key: 'micMuted' | 'cameraOff') => {
      const current = engine;
      if (!current) return;
      const paused = !get()[key];
      set({ [key]: paused } as Partial<CallSlice>);
      const local = localTrackOf(get().localTracks, source);
      if (local) local.enabled = !paused;
      try {
        await current.setSourcePaused(source, paused);
      } catch (error) {
        console.error(`pausing ${source} failed`, error);
        if (engine === current) set({ [key]: current.isSourcePaused(source) } as Partial<CallSlice>);
      }
    };

    return {
      ...idle,

      startCall: async (signaling, sessionId, localTracks, startOptions = {}) => {
        get().stopCall();
        const current = new CallEngine(signaling, sessionId);
        engine = current;
        const replace = (track: RemoteTrack) =>
          get().remoteTracks.map((existing) => (existing.consumerId === track.consumerId ? track : existing));
        unsubscribe = [
          current.on('remoteTrackAdded', (track) => set({ remoteTracks: [...get().remoteTracks, track] })),
          current.on('remoteTrackChanged', (track) => set({ remoteTracks: replace(track) })),
          current.on('remoteTrackRemoved', (track) =>
            set({ remoteTracks: get().remoteTracks.filter((existing) => existing.consumerId !== track.consumerId) }),
          ),
          current.on('stateChanged', (callState) => set({ callState })),
          current.on('sessionLost', ({ sessionId: lost }) => sliceOptions.onSessionLost?.(lost)),
        ];
        set({ ...idle, callState: 'connecting', localTracks });
        try {
          await current.start(localTracks, startOptions);
          if (engine === current) {
            set({ callEngine: current });
            sliceOptions.onEngine?.(current);
          }
        } catch (error) {
          if (engine === current) set({ callFailed: true, callState: 'failed' });
          throw error;
        }
      },

      setRemoteSourceWanted: async (source, wanted) => {
        await engine?.setRemoteSourceWanted(source, wanted);
      },

      resumeCall: async () => {
        await engine?.resumeAll();
      },

      toggleMute: () => togglePaused('microphone', 'micMuted'),
      toggleCamera: () => togglePaused('faceCamera', 'cameraOff'),

      stopCall: () => {
        const tracks = get().localTracks;
        for (const off of unsubscribe) off();
        unsubscribe = [];
        if (engine) sliceOptions.onEngine?.(null);
        engine?.close();
        engine = null;
        for (const { track } of tracks) track.stop();
        set({ ...idle });
      },
    };
  };
}
