import type {
  MediaCounters,
  MediaSource,
  ParticipantRole,
  RtpCapabilitiesWire,
  RtpParametersWire,
  SctpStreamParametersWire,
  TransportDirection,
  TransportOptions,
} from '@etapiste/shared';

/**
 * The typed boundary between signalling and the SFU. Signalling drives media only through
 * these interfaces, so the in-process implementation (LocalMediaServer) can be replaced by
 * one that talks to SFU processes on other hosts without touching the domain code.
 */
export interface MediaServer {
  /** Creates the media room (one router) of a service session. */
  createRoom(sessionId: string): Promise<MediaRoom>;
  /** Live counts of mediasoup objects, for health and leak checks. */
  counters(): MediaCounters;
  health(): { workers: number; healthyWorkers: number };
  /**
   * Called when a room is lost because its worker died. The owner rebuilds it: `createRoom`
   * again (it lands on a live worker) and tells the participants to set up their media anew.
   */
  onRoomLost(listener: (sessionId: string) => void): () => void;
  close(): Promise<void>;
}

/** What a receiving participant needs to set up one consumer (it starts paused). */
export interface ConsumerAnnouncement {
  consumerId: string;
  producerId: string;
  kind: 'audio' | 'video';
  rtpParameters: RtpParametersWire;
  source: MediaSource;
  participantId: string;
  participantRole: ParticipantRole;
  producerPaused: boolean;
}

/** What a receiving participant needs to open one data channel of another participant. */
export interface DataConsumerAnnouncement {
  dataConsumerId: string;
  dataProducerId: string;
  sctpStreamParameters: SctpStreamParametersWire;
  label: string;
  protocol: string;
  participantId: string;
  participantRole: ParticipantRole;
}

/** A data channel a participant opens: everything sent on it goes to the other participants. */
export interface DataProduceRequest {
  transportId: string;
  sctpStreamParameters: SctpStreamParametersWire;
  label: string;
  protocol: string;
  /** Only participants in these roles receive it (device content only to the expert); all when absent. */
  receiverRoles?: readonly ParticipantRole[];
}

/** How the SFU serves one consumer now (diagnostics and tests of the bandwidth policy). */
export interface LayerDecision {
  consumerId: string;
  source: MediaSource;
  ownerRole: ParticipantRole;
  /** mediasoup priority 1–255: spare bitrate goes to higher ones first. */
  priority: number;
  preferredLayers: { spatialLayer: number; temporalLayer?: number } | null;
  currentLayers: { spatialLayer: number; temporalLayer?: number } | null;
}

export interface MediaRoomEvents {
  /** A consumer was created for `participantId`; tell that participant. */
  consumerAdded(participantId: string, announcement: ConsumerAnnouncement): void;
  consumerClosed(participantId: string, consumerId: string): void;
  consumerPaused(participantId: string, consumerId: string, paused: boolean): void;
  /** A data consumer was created for `participantId`; tell that participant. */
  dataConsumerAdded(participantId: string, announcement: DataConsumerAnnouncement): void;
  dataConsumerClosed(participantId: string, dataConsumerId: string): void;
  /** `receiverId` has opened a data channel of `ownerId` and gets its messages from now on; tell the owner. */
  dataReceiverReady(ownerId: string, dataProducerId: string, receiverId: string): void;
}

/** One participant's link quality, from the SFU's statistics of the streams it sends them. */
export interface ParticipantQuality {
  participantId: string;
  rttMs: number | null;
  lossPct: number | null;
  streams: number;
}

export interface MediaRoom {
  readonly sessionId: string;
  /** Unique per room instance: a rebuilt room of the same session has another id (the media epoch). */
  readonly id: string;
  readonly routerRtpCapabilities: RtpCapabilitiesWire;
  setEventSink(sink: MediaRoomEvents): void;
  addParticipant(participantId: string, role: ParticipantRole): void;
  hasParticipant(participantId: string): boolean;
  createTransport(participantId: string, direction: TransportDirection): Promise<TransportOptions>;
  connectTransport(participantId: string, transportId: string, dtlsParameters: unknown): Promise<void>;
  /** ICE restart of a transport: new server ICE parameters for the client's restartIce(). */
  restartIce(participantId: string, transportId: string): Promise<unknown>;
  /** The participant sets up all media again: closes what they own (and its consumers), keeps them in the room. */
  resetParticipant(participantId: string): void;
  /** True when the participant has transports in this room. */
  hasMedia(participantId: string): boolean;
  /** The participant can receive: consume every producer of the others from now on. */
  setReady(participantId: string, rtpCapabilities: RtpCapabilitiesWire): Promise<void>;
  produce(
    participantId: string,
    request: { transportId: string; kind: 'audio' | 'video'; source: MediaSource; rtpParameters: RtpParametersWire },
  ): Promise<string>;
  setProducerPaused(participantId: string, producerId: string, paused: boolean): Promise<void>;
  /**
   * Opens a data channel of the participant (SCTP on their send transport). The server relays
   * its messages to the receivers and never keeps them.
   */
  produceData(participantId: string, request: DataProduceRequest): Promise<string>;
  resumeConsumer(participantId: string, consumerId: string): Promise<void>;
  /** The receiver has opened this data consumer's channel: deliver to it (once the room is released). */
  dataConsumerReady(participantId: string, dataConsumerId: string): Promise<void>;
  /** The receiver does not want this stream for now: nothing is sent until resumeConsumer. */
  pauseConsumer(participantId: string, consumerId: string): Promise<void>;
  /**
   * While held (a new room is), no consumer is resumed: participants may connect and set up,
   * but no media passes between them. `release()` resumes every consumer its client is ready for.
   */
  readonly held: boolean;
  release(): Promise<void>;
  /**
   * Media quality of the room now, from the SFU's own RTP statistics of what it sends to the
   * participants: median round-trip time and packet loss, over every consumer stream.
   */
  qualitySample(): Promise<{ rttMs: number | null; lossPct: number | null; streams: number }>;
  /** The same per receiving participant (what each one's downlink looks like). */
  participantQuality(): Promise<ParticipantQuality[]>;
  /**
   * Who gives way under congestion (see bandwidth-policy.ts). 'signLanguage': the customer's
   * and the interpreter's face video keep ≥ CIF and full frame rate while the document camera
   * and the expert's face degrade first. Applies to existing and future consumers.
   */
  setPriorityProfile(profile: 'standard' | 'signLanguage'): Promise<void>;
  readonly priorityProfile: 'standard' | 'signLanguage';
  /** The consumers `participantId` receives, with their priority and layers. */
  layerDecisions(participantId: string): LayerDecision[];
  /** Closes everything the participant owns and the consumers of their producers. */
  removeParticipant(participantId: string): void;
  close(): void;
  readonly closed: boolean;
}
