import { z } from 'zod';
import { Id } from '../domain.ts';
import { Interpreter, InterpreterContract, InterpreterProvider, InterpretingSkill } from '../interpreting.ts';

/**
 * REST bodies of interpreting administration (`/api/admin/interpreting`): providers, the
 * agencies' contracts with them, interpreters and their accounts; and the interpreter of a
 * booking (`PUT /api/bookings/:bookingId/interpreter`).
 */
/** An interpreter with their staff account: the username and whether it may log in. */
export const InterpreterAccount = Interpreter.extend({ username: z.string(), active: z.boolean() });
export type InterpreterAccount = z.infer<typeof InterpreterAccount>;

export const InterpretingCatalogue = z.object({
  providers: z.array(InterpreterProvider),
  contracts: z.array(InterpreterContract),
  interpreters: z.array(InterpreterAccount),
});
export type InterpretingCatalogue = z.infer<typeof InterpretingCatalogue>;

export const SaveProviderRequest = z.object({ id: Id.optional(), name: z.string().trim().min(1, 'required').max(200) }).strict();
export type SaveProviderRequest = z.infer<typeof SaveProviderRequest>;

const skills = z
  .array(InterpretingSkill)
  .min(1, 'at least one skill')
  .max(30)
  .refine((list) => new Set(list.map((skill) => `${skill.modality}:${skill.language}`)).size === list.length, 'each skill once');

export const CreateInterpreterRequest = z
  .object({
    username: z.string().trim().min(3).max(64).regex(/^[a-z0-9._-]+$/, 'lower-case letters, digits, . _ -'),
    displayName: z.string().trim().min(1, 'required').max(200),
    password: z.string().min(12, 'at least 12 characters').max(256),
    providerId: Id,
    skills,
  })
  .strict();
export type CreateInterpreterRequest = z.infer<typeof CreateInterpreterRequest>;

export const UpdateInterpreterRequest = z
  .object({ displayName: z.string().trim().min(1).max(200).optional(), providerId: Id.optional(), skills: skills.optional(), active: z.boolean().optional() })
  .strict();
export type UpdateInterpreterRequest = z.infer<typeof UpdateInterpreterRequest>;

export const AssignBookingInterpreterRequest = z.object({ interpreterId: Id.nullable() }).strict();
export type AssignBookingInterpreterRequest = z.infer<typeof AssignBookingInterpreterRequest>;
