import type { LinksSlice } from './links-slice.ts';
import type {
  Agency,
  InterpreterRequest,
  InterpretingSkill,
  LocalizedText,
  QueueOverview,
  QueueTicket,
  Service,
  ServicePoint,
  ServicePointKind,
  ServiceSessionInfo,
  SessionEndReason,
  WaitingTicket,
} from '@etapiste/shared';
import type { CallSlice, LanguageSlice, StaffAuthSlice } from '@etapiste/shared/react';
import type { AdminSlice } from './admin-slice.ts';
import type { HostSlice } from './host-slice.ts';
import type { InterpretingAdminSlice } from './interpreting-admin-slice.ts';
import type { StatsSlice } from './stats-slice.ts';

/** Why the expert is looking at the queue again (or what just happened in the call); each maps to an i18n key. */
export type QueueNotice = 'nobodyWaiting' | 'takeNextFailed' | 'noShow' | 'sessionEnded' | 'transferred';

/** What the console shows about the customer being called or served: where, which service, which number. Never a name. */
export interface CustomerInfo {
  number: string | null;
  servicePoint: { name: LocalizedText; kind: ServicePointKind } | null;
  serviceName: LocalizedText | null;
}

/** A number the expert called; the booth shows it until the customer answers or the grace ends. */
export interface Calling {
  ticket: QueueTicket;
  session: ServiceSessionInfo;
  graceEndsAt: number;
  info: CustomerInfo;
}

/** The agency's queue over all points, today's bookings, and taking the next customer. */
export interface QueueSlice {
  overview: QueueOverview | null;
  /** The waiting tickets of the overview (empty without one). */
  waiting: WaitingTicket[];
  queueNotice: QueueNotice | null;
  calling: Calling | null;
  takingNext: boolean;
  setOverview: (overview: QueueOverview) => void;
  takeNext: () => Promise<void>;
}

export type LargeSource = 'documentCamera' | 'faceCamera';

/** The services of other agencies the customer can be chained to. */
export interface TransferTarget {
  agency: Agency;
  services: Service[];
}

export type CallNotice = 'cameraError' | 'mediaFailed' | 'transferDeclined' | 'transferFailed';

/** The session the expert is serving, from the customer's answer to its end, and chaining. */
export interface ConsultationSlice {
  /** Warm start: set up the call's media while the customer's number is being called (the server holds it until the answer). */
  warmUpCall: (sessionId: string) => Promise<void>;
  activeSession: ServiceSessionInfo | null;
  /** Where the customer is and what they came for (never a name). */
  activeInfo: CustomerInfo | null;
  /** Which of the customer's cameras is shown large. */
  largeSource: LargeSource;
  callNotice: CallNotice | null;
  transferOpen: boolean;
  /** The service offered to the customer, until they answer. */
  transferOffered: string | null;
  onAccepted: (session: ServiceSessionInfo) => Promise<void>;
  endSession: () => Promise<void>;
  onSessionEnded: (sessionId: string, reason: SessionEndReason) => void;
  /** Local teardown when the connection is gone. */
  leaveCall: () => void;
  swapViews: () => void;
  toggleTransfer: () => void;
  offerTransfer: (serviceId: string) => Promise<void>;
  onTransferAnswered: (sessionId: string, accepted: boolean) => void;
  /** Ends a running session, then logs out. */
  signOut: () => Promise<void>;
}

/** The expert asks for an interpreter during the call and follows the request. */
export interface InterpretingSlice {
  /** Skills the agency's contracted providers' interpreters have (null until loaded). */
  interpretingSkills: InterpretingSkill[] | null;
  /** Requests of the session being called or served (pushed by interpreting.requestChanged). */
  interpreterRequests: InterpreterRequest[];
  interpreterPanelOpen: boolean;
  interpreterRequestError: string | null;
  loadInterpretingSkills: () => Promise<void>;
  toggleInterpreterPanel: () => void;
  requestInterpreter: (skill: InterpretingSkill) => Promise<void>;
  cancelInterpreter: (requestId: string) => Promise<void>;
  onInterpreterRequestChanged: (request: InterpreterRequest) => void;
  loadInterpreterRequests: (sessionId: string) => Promise<void>;
}

export type AgentState = StaffAuthSlice &
  LanguageSlice &
  QueueSlice &
  ConsultationSlice &
  InterpretingSlice &
  CallSlice &
  AdminSlice &
  InterpretingAdminSlice &
  HostSlice &
  StatsSlice &
  LinksSlice;
