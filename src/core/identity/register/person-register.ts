/**
 * The person register as core sees it: who a personnummer belongs to, where they live, their
 * children and whether their personal data is protected. The municipality's integration service
 * answers through https-register.ts; the simulator speaks the same protocol (docs/bankid.md).
 */
import { z } from 'zod';

export const protectionSchema = z.enum(['none', 'sekretessmarkering', 'skyddad_folkbokforing']);
export type Protection = z.infer<typeof protectionSchema>;

const personalNumber = z.string().regex(/^\d{12}$/, '12 digits');

export const registerChildSchema = z.object({
  personalNumber,
  givenName: z.string().min(1).max(200),
  name: z.string().min(1).max(300),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
  /** The child has protected personal data (either marking): never shown. */
  protected: z.boolean(),
});
export type RegisterChild = z.infer<typeof registerChildSchema>;

export const registerAddressSchema = z.object({
  street: z.string().min(1).max(300),
  postalCode: z.string().regex(/^\d{3} ?\d{2}$/, 'five digits'),
  city: z.string().min(1).max(200),
});
export type RegisterAddress = z.infer<typeof registerAddressSchema>;

export const registerPersonSchema = z.object({
  personalNumber,
  givenName: z.string().min(1).max(200),
  surname: z.string().min(1).max(200),
  name: z.string().min(1).max(300),
  address: registerAddressSchema.nullable(),
  protection: protectionSchema,
  children: z.array(registerChildSchema).max(50),
});
export type RegisterPerson = z.infer<typeof registerPersonSchema>;

export interface PersonRegister {
  /** The person, or null when the register does not know the personnummer. Throws RegisterError. */
  lookup(personalNumber: string): Promise<RegisterPerson | null>;
}

export class RegisterError extends Error {
  constructor(
    /** unavailable: no answer / 5xx; rejected: 4xx (our configuration); invalidResponse: unreadable answer. */
    readonly kind: 'unavailable' | 'rejected' | 'invalidResponse',
    readonly httpStatus: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'RegisterError';
  }
}
