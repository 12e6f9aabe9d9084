import { LANGUAGES, ROLES } from '@exchange/data/enums';
import { z } from 'zod';

/**
 * Who the session's key belongs to: the applications service's `GET /v1/me`, read strictly so that
 * nothing else it might carry is stored or handed to the browser.
 */
export const principalSchema = z
  .object({
    principalId: z.guid(),
    role: z.enum(ROLES),
    organisationId: z.guid().nullable(),
    startupId: z.guid().nullable(),
    apiKeyId: z.guid(),
    language: z.enum(LANGUAGES).nullable().optional(),
  })
  .transform((me) => ({ ...me, language: me.language ?? null }));

export type Principal = z.output<typeof principalSchema>;
