import type {
  Agency,
  Booking,
  BoothCatalogue,
  BoothState as BoothStateResult,
  CheckInOutcome,
  FeedbackAnswers,
  InterpreterRequest,
  InterpretingSkill,
  Language,
  NotificationData,
  QueueBoard,
  QueuedVisit,
  Service,
  ServiceSessionInfo,
  SessionEndReason,
  TicketView,
} from '@etapiste/shared';
import type { SignalingClient } from '@etapiste/shared/client';
import type { CallSlice } from '@etapiste/shared/react';

/** 'reconnecting': the live connection dropped and is being restored by itself; the visit goes on. */
export type ConnectionStatus = 'starting' | 'notConfigured' | 'connecting' | 'ready' | 'reconnecting' | 'lost' | 'replaced';

export interface ConnectionSlice {
  connection: ConnectionStatus;
  catalogue: BoothCatalogue | null;
  /** The point's queue board: waiting customers and estimated wait per agency (may stay null). */
  board: QueueBoard | null;
  signaling: SignalingClient | null;
  /** Add to `Date.now()` for the server's clock (grace periods are server times). */
  clockOffsetMs: number;
  /** Logs in with the device token, connects and loads the booth state; retries on failure. */
  connect: () => Promise<void>;
  /** Asks the server for the catalogue and the open ticket again, and carries on from there. */
  reloadState: () => Promise<void>;
}

export type BoothScreen = 'language' | 'agency' | 'service' | 'booking' | 'waiting' | 'called' | 'inCall' | 'ended';

/** The customer's way through the kiosk. */
export interface JourneySlice {
  screen: BoothScreen;
  language: Language;
  agencyId: string | null;
  serviceId: string | null;
  chooseLanguage: (language: Language) => void;
  chooseAgency: (agencyId: string) => void;
  chooseService: (serviceId: string) => void;
  /** "I have a booking": the booking code keypad. */
  openBooking: () => void;
  goBack: () => void;
  /** Back to the language choice with everything cleared, for the next customer. */
  restart: () => void;
}

export type CallingNumber = NotificationData<'queue.called'>;

/** The answer to a booking check-in, shown on the keypad (failures) or the waiting screen. */
export interface CheckInAnswer {
  outcome: CheckInOutcome;
  booking: Booking | null;
}

/** The customer's place in the queue: the number, a booking check-in, the call of the number. */
export interface QueueSlice {
  ticket: TicketView | null;
  /** The booking this visit was checked in with. */
  booking: Booking | null;
  checkIn: CheckInAnswer | null;
  /** The booth's number being called, with its grace period. */
  calling: CallingNumber | null;
  takeNumberPending: boolean;
  takeNumberFailed: boolean;
  checkInPending: boolean;
  checkInFailed: boolean;
  answerPending: boolean;
  answerFailed: boolean;
  takeNumber: () => Promise<void>;
  checkInBooking: (code: string) => Promise<void>;
  clearCheckIn: () => void;
  leaveQueue: () => Promise<void>;
  /** "Start": the customer answers the call of their number. */
  answerCall: () => Promise<void>;
  onTicketChanged: (view: TicketView) => void;
  onCalled: (call: CallingNumber) => void;
}

export type TransferOffer = NotificationData<'queue.transferOffered'>;

/** The visit's service session, its media and chaining to another agency. */
export interface SessionSlice {
  session: ServiceSessionInfo | null;
  endReason: SessionEndReason | null;
  /** The cameras or microphone could not be started; the call goes on receive-only. */
  cameraFailed: boolean;
  transferOffer: TransferOffer | null;
  transferPending: boolean;
  /** Where the customer was moved by an accepted transfer (shown while they wait again). */
  transferredTo: { agency: Agency; service: Service } | null;
  /** Shows the waiting screen for a visit and warm-starts its media. */
  beginVisit: (visit: QueuedVisit) => void;
  /** Carries on from `booth.state` after a (re)connect. */
  resume: (state: BoothStateResult) => void;
  /** Local teardown of the visit: media stopped, ticket and session forgotten. */
  dropVisit: () => void;
  hangUp: () => Promise<void>;
  respondTransfer: (accept: boolean) => Promise<void>;
  onAccepted: (session: ServiceSessionInfo) => Promise<void>;
  onSessionEnded: (sessionId: string, reason: SessionEndReason) => void;
  onTransferOffered: (offer: TransferOffer) => void;
  onConnectionLost: () => void;
}

export type FeedbackQuestion = 'ces' | 'csat' | 'nps' | 'text';
export type FeedbackStatus = 'idle' | 'open' | 'sending' | 'sent' | 'failed';

/** Anonymous feedback at the end of a served visit. */
export interface FeedbackSlice {
  /** The visit the feedback is about (null: no feedback is asked for). */
  feedbackVisitId: string | null;
  feedbackAnswers: FeedbackAnswers;
  feedbackStatus: FeedbackStatus;
  /** Asks for feedback on a served visit (the ended screen shows the form). */
  offerFeedback: (visitId: string) => void;
  /** Sets one answer; null takes it back. */
  setFeedbackAnswer: <Q extends FeedbackQuestion>(question: Q, value: FeedbackAnswers[Q]) => void;
  /** `feedback.submit`; with no answers at all it only returns to the start. */
  sendFeedback: () => Promise<void>;
}

/** "I need an interpreter" when taking a number, and the session's interpreter requests. */
export interface InterpretingSlice {
  /** What the chosen service's agency can get an interpreter for. */
  interpreterSkills: { agencyId: string; skills: InterpretingSkill[] } | null;
  /** The customer's chosen need (sent with queue.takeNumber). */
  interpreterNeed: InterpretingSkill | null;
  interpreterChoiceOpen: boolean;
  /** The session's requests (pushed by interpreting.requestChanged). */
  interpreterRequests: InterpreterRequest[];
  loadInterpreterSkills: (agencyId: string) => Promise<void>;
  toggleInterpreterChoice: () => void;
  /** Chooses a skill; the same one again takes it back. */
  chooseInterpreter: (skill: InterpretingSkill | null) => void;
  onInterpreterRequestChanged: (request: InterpreterRequest) => void;
  loadInterpreterRequests: (sessionId: string) => Promise<void>;
}

export type BoothState = ConnectionSlice & JourneySlice & QueueSlice & SessionSlice & FeedbackSlice & InterpretingSlice & CallSlice;
