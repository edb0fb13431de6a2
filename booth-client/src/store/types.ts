import type { BoothCatalogue, Language, ServiceSessionInfo, SessionEndReason } from '@etapiste/shared';
import type { SignalingClient } from '@etapiste/shared/client';
import type { CallSlice } from '@etapiste/shared/react';

export type ConnectionStatus = 'starting' | 'notConfigured' | 'connecting' | 'ready' | 'lost' | 'replaced';

export interface ConnectionSlice {
  connection: ConnectionStatus;
  catalogue: BoothCatalogue | null;
  signaling: SignalingClient | null;
  /** Logs in with the device token, connects and loads the catalogue; retries on failure. */
  connect: () => Promise<void>;
}

export type BoothScreen = 'language' | 'agency' | 'service' | 'waiting' | 'inCall' | 'ended';

/** The customer's way through the kiosk. */
export interface JourneySlice {
  screen: BoothScreen;
  language: Language;
  agencyId: string | null;
  serviceId: string | null;
  chooseLanguage: (language: Language) => void;
  chooseAgency: (agencyId: string) => void;
  chooseService: (serviceId: string) => void;
  goBack: () => void;
  /** Back to the language choice with everything cleared, for the next customer. */
  restart: () => void;
}

/** The service session from the call button to its end. */
export interface SessionSlice {
  session: ServiceSessionInfo | null;
  /** Local clock when the customer started waiting. */
  waitingSince: number | null;
  endReason: SessionEndReason | null;
  requestPending: boolean;
  requestFailed: boolean;
  /** The cameras or microphone could not be started; the call goes on receive-only. */
  cameraFailed: boolean;
  requestCall: () => Promise<void>;
  cancelWaiting: () => Promise<void>;
  hangUp: () => Promise<void>;
  onAccepted: (session: ServiceSessionInfo) => Promise<void>;
  onSessionEnded: (sessionId: string, reason: SessionEndReason) => void;
  onConnectionLost: () => void;
}

export type BoothState = ConnectionSlice & JourneySlice & SessionSlice & CallSlice;
