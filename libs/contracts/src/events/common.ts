import { z } from 'zod';

export const Uuid = z.uuid();
export const IsoTime = z.iso.datetime({ offset: true });
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code, e.g. KR');
export const Trl = z.number().int().min(1).max(9);

/** Who a programme belongs to: lets consumers (notifications) decide which agencies may see an event. */
export const ProgrammeRef = z.object({
  id: Uuid,
  kind: z.enum(['pilot', 'accelerator']),
  organiserOrgId: Uuid,
  partnerOrgIds: z.array(Uuid),
});
export type ProgrammeRef = z.infer<typeof ProgrammeRef>;

/** What a downstream service needs to know about a startup without calling back. */
export const StartupSummary = z.object({
  id: Uuid,
  name: z.string().min(1),
  nameLatin: z.string().min(1),
  country: CountryCode,
  technologyFields: z.array(z.string()),
  readinessLevel: Trl,
  languages: z.array(z.string()).default([]),
});
export type StartupSummary = z.infer<typeof StartupSummary>;
