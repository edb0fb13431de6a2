import type { Agency, Interpreter, InterpreterAssignment, InterpreterOffer, ServiceSessionInfo } from '@etapiste/shared';
import type { SignalingClient } from '@etapiste/shared/client';
import type { CallSlice, LanguageSlice, StaffAuthSlice } from '@etapiste/shared/react';

/** Why the console shows a notice; each maps to an i18n key. */
export type InterpreterNotice = 'acceptFailed' | 'sessionEnded' | 'youLeft' | 'cameraError' | 'mediaFailed';

/** The interpreter's profile, availability, ringing requests and today's booked assignments. */
export interface DeskSlice {
  profile: Interpreter | null;
  available: boolean;
  availabilityPending: boolean;
  /** Requests ringing here now (never anything about the customer). */
  offers: InterpreterOffer[];
  assignments: InterpreterAssignment[];
  /** A request being accepted or declined. */
  answering: string | null;
  notice: InterpreterNotice | null;
  setAvailable: (available: boolean) => Promise<void>;
  accept: (requestId: string) => Promise<void>;
  decline: (requestId: string) => Promise<void>;
  onRinging: (offer: InterpreterOffer) => void;
  onRingStopped: (requestId: string) => void;
  /** The desk after a connection drop or logout. */
  resetDesk: () => void;
}

/** The session the interpreter is in, and its call. */
export interface InterpretingSessionSlice {
  session: ServiceSessionInfo | null;
  /** The session's agency, as the accepted request named it (null after a reload). */
  sessionAgency: Agency | null;
  /** The customer's document camera is shown (on demand, off by default). */
  documentShown: boolean;
  /** Joins a session's media (after accepting, or again after a reload). */
  joinSession: (signaling: SignalingClient, session: ServiceSessionInfo, agency?: Agency | null) => Promise<void>;
  leaveSession: () => Promise<void>;
  toggleDocument: () => void;
  onSessionEnded: (sessionId: string) => void;
  onParticipantLeft: (sessionId: string, participantId: string) => void;
  onSessionChanged: (session: ServiceSessionInfo) => void;
  /** Local teardown when the connection is gone. */
  dropSession: () => void;
}

export type InterpreterState = StaffAuthSlice & LanguageSlice & DeskSlice & InterpretingSessionSlice & CallSlice;
