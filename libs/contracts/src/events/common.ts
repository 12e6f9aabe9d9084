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

/**
 * How each event type of a family takes its Kafka key from its payload. Events with the same key go
 * to the same partition, so consumers see them in the order they were written.
 */
export type EventKeyRules<F extends Record<string, z.ZodType>> = { readonly [T in keyof F]: (data: z.input<F[T]>) => string };

/** A programme-scoped event as producers write it: it names its programme and who runs it. */
type ProgrammeScoped = z.ZodObject<{ programme: typeof ProgrammeRef } & z.core.$ZodShape, z.core.$strip>;

/** What such an event may look like on a topic: as written now, or as written before it carried `programme`. */
export type AcceptingEarlierShape<S extends ProgrammeScoped> = z.ZodUnion<[S, z.ZodObject<Omit<S['shape'], 'programme'>, z.core.$strict>]>;

/**
 * The schemas consumers read a family of programme-scoped events with. Events of these types written
 * before `programme` was added carry only `programmeId`; a topic version only grows, so they still
 * decode (exactly their earlier fields). Producers always write `programme` (see ProducedEventSchemas).
 */
export function acceptingEarlierShape<F extends Record<string, ProgrammeScoped>>(family: F): { [T in keyof F]: AcceptingEarlierShape<F[T]> } {
  return Object.fromEntries(
    Object.entries(family).map(([type, schema]) => [type, z.union([schema, schema.omit({ programme: true }).strict()])]),
  ) as { [T in keyof F]: AcceptingEarlierShape<F[T]> };
}

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
