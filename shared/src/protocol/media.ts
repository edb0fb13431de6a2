import { z } from 'zod';

/**
 * Schemas of the WebRTC/mediasoup parameters that cross the wire. They check structure and
 * bound sizes; mediasoup itself validates the semantics, and its errors come back as
 * VALIDATION_FAILED. Unknown keys are kept (mediasoup adds fields between versions).
 */
const shortString = z.string().max(256);
const smallRecord = z.record(z.string().max(64), z.unknown());

export const RtcpFeedback = z.looseObject({ type: shortString, parameter: shortString.optional() });

export const RtpCodecCapability = z.looseObject({
  kind: z.enum(['audio', 'video']),
  mimeType: shortString,
  clockRate: z.number().int().positive(),
  channels: z.number().int().positive().optional(),
  parameters: smallRecord.optional(),
  rtcpFeedback: z.array(RtcpFeedback).max(32).optional(),
  preferredPayloadType: z.number().int().min(0).max(127).optional(),
});

export const RtpHeaderExtension = z.looseObject({
  kind: z.enum(['audio', 'video']).optional(),
  uri: shortString,
  preferredId: z.number().int().optional(),
  preferredEncrypt: z.boolean().optional(),
  direction: z.enum(['sendrecv', 'sendonly', 'recvonly', 'inactive']).optional(),
});

export const RtpCapabilities = z.looseObject({
  codecs: z.array(RtpCodecCapability).max(128).optional(),
  headerExtensions: z.array(RtpHeaderExtension).max(64).optional(),
});
export type RtpCapabilitiesWire = z.infer<typeof RtpCapabilities>;

export const RtpCodecParameters = z.looseObject({
  mimeType: shortString,
  payloadType: z.number().int().min(0).max(127),
  clockRate: z.number().int().positive(),
  channels: z.number().int().positive().optional(),
  parameters: smallRecord.optional(),
  rtcpFeedback: z.array(RtcpFeedback).max(32).optional(),
});

export const RtpEncodingParameters = z.looseObject({
  ssrc: z.number().int().nonnegative().optional(),
  rid: shortString.optional(),
  codecPayloadType: z.number().int().optional(),
  rtx: z.looseObject({ ssrc: z.number().int().nonnegative() }).optional(),
  dtx: z.boolean().optional(),
  scalabilityMode: shortString.optional(),
  scaleResolutionDownBy: z.number().optional(),
  maxBitrate: z.number().optional(),
  maxFramerate: z.number().optional(),
  active: z.boolean().optional(),
});

export const RtpParameters = z.looseObject({
  mid: shortString.optional(),
  codecs: z.array(RtpCodecParameters).min(1).max(32),
  headerExtensions: z
    .array(z.looseObject({ uri: shortString, id: z.number().int(), encrypt: z.boolean().optional(), parameters: smallRecord.optional() }))
    .max(32)
    .optional(),
  encodings: z.array(RtpEncodingParameters).max(8).optional(),
  rtcp: z.looseObject({ cname: shortString.optional(), reducedSize: z.boolean().optional(), mux: z.boolean().optional() }).optional(),
});
export type RtpParametersWire = z.infer<typeof RtpParameters>;

export const DtlsParameters = z.looseObject({
  role: z.enum(['auto', 'client', 'server']).optional(),
  fingerprints: z
    .array(z.looseObject({ algorithm: shortString, value: z.string().max(512) }))
    .min(1)
    .max(8),
});
export type DtlsParametersWire = z.infer<typeof DtlsParameters>;

export const IceParameters = z.looseObject({
  usernameFragment: shortString,
  password: shortString,
  iceLite: z.boolean().optional(),
});
export const IceCandidate = z.looseObject({
  foundation: shortString,
  priority: z.number(),
  address: shortString,
  ip: shortString.optional(),
  protocol: z.enum(['udp', 'tcp']),
  port: z.number().int(),
  type: z.enum(['host', 'srflx', 'prflx', 'relay']),
  tcpType: z.enum(['passive', 'active', 'so']).optional(),
});

export const TransportDirection = z.enum(['send', 'recv']);
export type TransportDirection = z.infer<typeof TransportDirection>;

/** SCTP parameters of a transport (data channels). */
export const SctpParameters = z.looseObject({
  port: z.number().int(),
  OS: z.number().int(),
  MIS: z.number().int(),
  maxMessageSize: z.number().int(),
});

/** One data channel's SCTP stream (reliable and ordered unless said otherwise). */
export const SctpStreamParameters = z.looseObject({
  streamId: z.number().int().min(0).max(65534),
  ordered: z.boolean().optional(),
  maxPacketLifeTime: z.number().int().nonnegative().optional(),
  maxRetransmits: z.number().int().nonnegative().optional(),
});
export type SctpStreamParametersWire = z.infer<typeof SctpStreamParameters>;

/** A data channel's label: what it carries ("devices", "captions", …). */
export const DataChannelLabel = z.string().min(1).max(64).regex(/^[a-z][a-zA-Z0-9._-]*$/, 'labels are [a-z][a-zA-Z0-9._-]*');

export const TransportOptions = z.object({
  transportId: z.string(),
  iceParameters: IceParameters,
  iceCandidates: z.array(IceCandidate),
  dtlsParameters: DtlsParameters,
  /** Present when the transport carries data channels (every session transport does). */
  sctpParameters: SctpParameters.optional(),
});
export type TransportOptions = z.infer<typeof TransportOptions>;

export const IceServer = z.object({
  urls: z.union([z.string(), z.array(z.string())]),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export type IceServer = z.infer<typeof IceServer>;
