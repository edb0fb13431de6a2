import type { ServiceSessionInfo, WaitingSession } from '@etapiste/shared';
import type { CallSlice, LanguageSlice, StaffAuthSlice } from '@etapiste/shared/react';

/** Customers of the expert's agency waiting to be answered. */
export interface QueueSlice {
  waiting: WaitingSession[];
  /** Shown above the list: why the expert is back at the list. */
  queueNotice: 'acceptFailed' | 'sessionEnded' | null;
  setWaiting: (sessions: WaitingSession[]) => void;
}

export type LargeSource = 'documentCamera' | 'faceCamera';

/** The session the expert is serving, from Answer to its end. */
export interface ConsultationSlice {
  activeSession: ServiceSessionInfo | null;
  /** The waiting-list entry it was answered from (service point and service names). */
  activeWaiting: WaitingSession | null;
  acceptingId: string | null;
  /** Which of the customer's cameras is shown large. */
  largeSource: LargeSource;
  callNotice: 'cameraError' | 'mediaFailed' | null;
  accept: (sessionId: string) => Promise<void>;
  endSession: () => Promise<void>;
  onSessionEnded: (sessionId: string) => void;
  /** Local teardown when the connection is gone. */
  leaveCall: () => void;
  swapViews: () => void;
  /** Ends a running session, then logs out. */
  signOut: () => Promise<void>;
}

export type AgentState = StaffAuthSlice & LanguageSlice & QueueSlice & ConsultationSlice & CallSlice;
