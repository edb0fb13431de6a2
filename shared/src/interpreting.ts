import { z } from 'zod';
import { LocalDate, TimeOfDay } from './catalogue.ts';
import { Agency, Id, ServicePoint } from './domain.ts';

/**
 * Interpreting: providers, the agencies' contracts with them, interpreters and their skills,
 * and interpreter requests (on demand or booked) with their lifecycle.
 */

/** How the interpreter works: between spoken languages, in a sign language, or typing speech as text. */
export const InterpretingModality = z.enum(['spoken', 'signLanguage', 'speechToText']);
export type InterpretingModality = z.infer<typeof InterpretingModality>;

/**
 * ISO 639 code of the customer's language: for spoken interpreting the language interpreted
 * to and from Finnish/Swedish (e.g. "ar", "so", "uk"); for sign language "fse" (Finnish Sign
 * Language) or "fss" (Finland-Swedish Sign Language); for speech-to-text the language of the
 * text ("fi", "sv").
 */
export const InterpretingLanguage = z.string().regex(/^[a-z]{2,3}$/, 'an ISO 639 language code');
export type InterpretingLanguage = z.infer<typeof InterpretingLanguage>;

export const signLanguages = ['fse', 'fss'] as const;

export const InterpretingSkill = z
  .object({ modality: InterpretingModality, language: InterpretingLanguage })
  .strict()
  .refine((skill) => skill.modality !== 'signLanguage' || (signLanguages as readonly string[]).includes(skill.language), {
    message: 'sign language is fse or fss',
  });
export type InterpretingSkill = z.infer<typeof InterpretingSkill>;

/** One string per skill, e.g. "signLanguage:fse": for sets, maps and storage. */
export const skillKey = (skill: InterpretingSkill): string => `${skill.modality}:${skill.language}`;
export const sameSkill = (a: InterpretingSkill, b: InterpretingSkill): boolean => a.modality === b.modality && a.language === b.language;

export const InterpreterProvider = z.object({ id: Id, name: z.string().trim().min(1).max(200) }).strict();
export type InterpreterProvider = z.infer<typeof InterpreterProvider>;

/** Agency ↔ provider: only contracted providers' interpreters are rung for that agency. */
export const InterpreterContract = z.object({ agencyId: Id, providerId: Id }).strict();
export type InterpreterContract = z.infer<typeof InterpreterContract>;

/** An interpreter: a staff account with the interpreter role, working for one provider. */
export const Interpreter = z.object({
  /** The staff account's id. */
  interpreterId: Id,
  providerId: Id,
  displayName: z.string(),
  skills: z.array(InterpretingSkill).min(1).max(30),
});
export type Interpreter = z.infer<typeof Interpreter>;

export const InterpreterRequestMode = z.enum(['onDemand', 'booked']);
export type InterpreterRequestMode = z.infer<typeof InterpreterRequestMode>;

/** Who asked: the expert during the call, the customer when taking the number, or the booking. */
export const InterpreterRequestOrigin = z.enum(['expert', 'customer', 'booking']);
export type InterpreterRequestOrigin = z.infer<typeof InterpreterRequestOrigin>;

/**
 * requested → ringing → accepted → joined → left, or ringing → unanswered / cancelled.
 * A booked request first invites its assigned interpreter (`invitingAssigned`), then falls
 * back to ringing in batches.
 */
export const InterpreterRequestState = z.enum(['invitingAssigned', 'ringing', 'accepted', 'joined', 'left', 'unanswered', 'cancelled']);
export type InterpreterRequestState = z.infer<typeof InterpreterRequestState>;
export const openInterpreterRequestStates: readonly InterpreterRequestState[] = ['invitingAssigned', 'ringing'];

export const InterpreterRequest = z.object({
  requestId: Id,
  sessionId: Id,
  agencyId: Id,
  skill: InterpretingSkill,
  mode: InterpreterRequestMode,
  origin: InterpreterRequestOrigin,
  state: InterpreterRequestState,
  requestedAt: z.number().int(),
  /** Batches rung so far and how many interpreters they held; how many ring right now. */
  batch: z.number().int(),
  rungCount: z.number().int(),
  ringingNow: z.number().int(),
  answeredAt: z.number().int().nullable(),
  joinedAt: z.number().int().nullable(),
  endedAt: z.number().int().nullable(),
  interpreterId: Id.nullable(),
  interpreterName: z.string().nullable(),
  providerId: Id.nullable(),
});
export type InterpreterRequest = z.infer<typeof InterpreterRequest>;

/**
 * What an interpreter's console shows while a request rings: the need, the agency and the
 * place. Never anything about the customer.
 */
export const InterpreterOffer = z.object({
  requestId: Id,
  sessionId: Id,
  skill: InterpretingSkill,
  mode: InterpreterRequestMode,
  agency: Agency,
  servicePoint: ServicePoint.pick({ id: true, kind: true, name: true, municipality: true }),
  ringEndsAt: z.number().int(),
});
export type InterpreterOffer = z.infer<typeof InterpreterOffer>;

/** A booked assignment on an interpreter's list: the booking's time and place, no personal data. */
export const InterpreterAssignment = z.object({
  bookingId: Id,
  date: LocalDate,
  from: TimeOfDay,
  to: TimeOfDay,
  startsAt: z.number().int(),
  skill: InterpretingSkill,
  agency: Agency,
  servicePoint: ServicePoint.pick({ id: true, kind: true, name: true, municipality: true }),
  status: z.enum(['booked', 'checkedIn', 'served', 'cancelled', 'noShow']),
});
export type InterpreterAssignment = z.infer<typeof InterpreterAssignment>;

export const RingStopReason = z.enum(['answeredElsewhere', 'timeout', 'cancelled', 'sessionEnded', 'declined']);
export type RingStopReason = z.infer<typeof RingStopReason>;

/**
 * Live captions of a speech-to-text interpreter, on the data channel `captions` (protocol
 * `etapiste-captions/1`) to the customer and the expert. `draft` replaces the line being typed;
 * `line` finishes it. Passed through the SFU, never stored.
 */
export const CAPTIONS_LABEL = 'captions';
export const CAPTIONS_PROTOCOL = 'etapiste-captions/1';
export const CaptionMessage = z
  .object({ kind: z.enum(['draft', 'line']), seq: z.number().int().nonnegative(), text: z.string().max(2000) })
  .strict();
export type CaptionMessage = z.infer<typeof CaptionMessage>;
