import { z } from 'zod';
import {
  Agency,
  Id,
  Language,
  MediaSource,
  Role,
  Service,
  ServicePoint,
  ServiceSessionInfo,
  WaitingSession,
} from '../domain.ts';
import { DtlsParameters, IceServer, RtpCapabilities, RtpParameters, TransportDirection, TransportOptions } from './media.ts';

/**
 * Every request a client may send over the live WebSocket, with its params, its result and
 * the roles allowed to call it. This one table is the protocol: the server validates against
 * it and dispatches from it; clients type their calls from it; docs/protocol.md describes it.
 */
export interface MethodSpec<P extends z.ZodType, R extends z.ZodType> {
  params: P;
  result: R;
  roles: readonly Role[];
  summary: string;
}
function method<P extends z.ZodType, R extends z.ZodType>(spec: MethodSpec<P, R>): MethodSpec<P, R> {
  return spec;
}

const Empty = z.object({}).strict();
const SessionRef = z.object({ sessionId: Id }).strict();
const participantRoles = ['booth', 'expert', 'interpreter'] as const;

export const BoothCatalogue = z.object({
  servicePoint: ServicePoint,
  agencies: z.array(Agency.extend({ services: z.array(Service) })),
});
export type BoothCatalogue = z.infer<typeof BoothCatalogue>;

export const methods = {
  'catalogue.forBooth': method({
    summary: "The booth's service point and the agencies and services offered there.",
    roles: ['booth'],
    params: Empty,
    result: BoothCatalogue,
  }),
  'session.request': method({
    summary: 'The customer asks to be served by video for a service; creates a waiting service session.',
    roles: ['booth'],
    params: z.object({ serviceId: Id, language: Language }).strict(),
    result: z.object({ session: ServiceSessionInfo }),
  }),
  'session.cancel': method({
    summary: 'The customer stops waiting before an expert accepted.',
    roles: ['booth'],
    params: SessionRef,
    result: Empty,
  }),
  'session.listWaiting': method({
    summary: "Waiting sessions of the expert's own agency, oldest first (also pushed as session.waitingChanged).",
    roles: ['expert'],
    params: Empty,
    result: z.object({ sessions: z.array(WaitingSession) }),
  }),
  'session.accept': method({
    summary: 'The expert takes a waiting session of their agency.',
    roles: ['expert'],
    params: SessionRef,
    result: z.object({ session: ServiceSessionInfo }),
  }),
  'session.end': method({
    summary: 'A participant ends the session (hang up). Releases all media of the session.',
    roles: participantRoles,
    params: SessionRef,
    result: Empty,
  }),
  'media.getRouterCapabilities': method({
    summary: "The session router's RTP capabilities (to load the mediasoup-client Device) and ICE servers.",
    roles: participantRoles,
    params: SessionRef,
    result: z.object({ routerRtpCapabilities: RtpCapabilities, iceServers: z.array(IceServer) }),
  }),
  'media.createTransport': method({
    summary: 'Creates a WebRTC transport for sending or receiving.',
    roles: participantRoles,
    params: z.object({ sessionId: Id, direction: TransportDirection }).strict(),
    result: TransportOptions,
  }),
  'media.connectTransport': method({
    summary: "Completes a transport's DTLS setup with the client's parameters.",
    roles: participantRoles,
    params: z.object({ sessionId: Id, transportId: z.string().max(64), dtlsParameters: DtlsParameters }).strict(),
    result: Empty,
  }),
  'media.ready': method({
    summary:
      "The client's RTP capabilities; from now on the server creates (paused) consumers for every producer of the other participants and announces them with media.consumerAdded.",
    roles: participantRoles,
    params: z.object({ sessionId: Id, rtpCapabilities: RtpCapabilities }).strict(),
    result: Empty,
  }),
  'media.produce': method({
    summary: 'Starts sending a track on the send transport.',
    roles: participantRoles,
    params: z
      .object({
        sessionId: Id,
        transportId: z.string().max(64),
        kind: z.enum(['audio', 'video']),
        source: MediaSource,
        rtpParameters: RtpParameters,
      })
      .strict(),
    result: z.object({ producerId: z.string() }),
  }),
  'media.setProducerPaused': method({
    summary: "Mutes or unmutes one of the caller's own producers (microphone mute, camera off).",
    roles: participantRoles,
    params: z.object({ sessionId: Id, producerId: z.string().max(64), paused: z.boolean() }).strict(),
    result: Empty,
  }),
  'media.resumeConsumer': method({
    summary: 'The client has set up the consumer announced by media.consumerAdded; media starts flowing.',
    roles: participantRoles,
    params: z.object({ sessionId: Id, consumerId: z.string().max(64) }).strict(),
    result: Empty,
  }),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export const methodNames = Object.keys(methods) as MethodName[];
export type MethodParams<M extends MethodName> = z.infer<Methods[M]['params']>;
export type MethodResult<M extends MethodName> = z.infer<Methods[M]['result']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}
