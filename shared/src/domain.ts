import { z } from 'zod';

/** Languages of the UI and of service. Plain-language variants are a UI mode, not a language. */
export const Language = z.enum(['fi', 'sv', 'en']);
export type Language = z.infer<typeof Language>;
export const languages: readonly Language[] = Language.options;

/** Text in the three languages of the product. */
export const LocalizedText = z.object({ fi: z.string(), sv: z.string(), en: z.string() });
export type LocalizedText = z.infer<typeof LocalizedText>;

/**
 * Who is acting. `booth` is the kiosk of a service point (device token); the rest are staff
 * accounts. HostStaff never sees case data.
 */
export const Role = z.enum(['booth', 'expert', 'supervisor', 'admin', 'interpreter', 'hostStaff']);
export type Role = z.infer<typeof Role>;
export const staffRoles = ['expert', 'supervisor', 'admin', 'interpreter', 'hostStaff'] as const;
export const StaffRole = z.enum(staffRoles);
export type StaffRole = z.infer<typeof StaffRole>;

export const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'ids are [A-Za-z0-9_-]');
export type Id = z.infer<typeof Id>;

export const ServicePointKind = z.enum(['S', 'XS']);
export type ServicePointKind = z.infer<typeof ServicePointKind>;

export const Agency = z.object({
  id: Id,
  code: z.string(),
  name: LocalizedText,
  /**
   * Agency policy: when a customer is identified with their ID card, the expert also sees the
   * personal identity code from the certificate (absent or false: only the name).
   */
  showsPersonalIdentityCode: z.boolean().optional(),
});
export type Agency = z.infer<typeof Agency>;

export const Service = z.object({
  id: Id,
  agencyId: Id,
  name: LocalizedText,
  remoteCapable: z.boolean(),
  /** Where to go instead when the service cannot be handled remotely. */
  notRemoteInstructions: LocalizedText.nullable(),
});
export type Service = z.infer<typeof Service>;

export const ServicePoint = z.object({
  id: Id,
  kind: ServicePointKind,
  name: LocalizedText,
  municipality: z.string(),
  region: z.string(),
});
export type ServicePoint = z.infer<typeof ServicePoint>;

/** The principal behind a connection or request, as established by authentication. */
export const Principal = z.object({
  role: Role,
  /** Staff user id, or the booth id for a booth. */
  subjectId: Id,
  displayName: z.string(),
  /** Experts and supervisors act for one agency. */
  agencyId: Id.nullable(),
  /** Booths (and host staff) belong to one service point. */
  servicePointId: Id.nullable(),
});
export type Principal = z.infer<typeof Principal>;

/** Media sources a participant publishes. The document camera is a second video track. */
export const MediaSource = z.enum(['microphone', 'faceCamera', 'documentCamera']);
export type MediaSource = z.infer<typeof MediaSource>;

export const ServiceSessionStatus = z.enum(['waiting', 'active', 'ended']);
export type ServiceSessionStatus = z.infer<typeof ServiceSessionStatus>;

export const SessionEndReason = z.enum([
  /** A participant ended the session normally. */
  'hangup',
  /** The customer cancelled before an expert accepted. */
  'cancelled',
  /** The customer's booth disconnected and did not come back. */
  'boothDisconnected',
  /** The expert disconnected and did not come back. */
  'expertDisconnected',
  /** The media worker carrying the session died. */
  'mediaFailure',
  /** The called customer did not answer within the grace period. */
  'noShow',
  /** The customer accepted a transfer to another agency (chaining). */
  'transferred',
]);
export type SessionEndReason = z.infer<typeof SessionEndReason>;

export const ParticipantRole = z.enum(['customer', 'expert', 'interpreter']);
export type ParticipantRole = z.infer<typeof ParticipantRole>;

export const Participant = z.object({
  participantId: Id,
  role: ParticipantRole,
  /** Staff display name; customers are never named. */
  displayName: z.string().nullable(),
});
export type Participant = z.infer<typeof Participant>;

export const ServiceSessionInfo = z.object({
  sessionId: Id,
  visitId: Id,
  agencyId: Id,
  serviceId: Id,
  servicePointId: Id,
  language: Language,
  status: ServiceSessionStatus,
  participants: z.array(Participant),
});
export type ServiceSessionInfo = z.infer<typeof ServiceSessionInfo>;
