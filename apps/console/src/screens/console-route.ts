import type { ReactNode } from 'react';
import type { Translations } from '@exchange/platform/messages';
import type { Role } from '../session/session';

/**
 * One screen of the console. An area (`screens/<area>/routes.tsx`) lists its screens; those with
 * `nav` appear in the menu of the roles named (the API still decides what each call may do).
 */
export interface ConsoleRoute {
  /** Relative to the root, e.g. `programmes` or `programmes/:programmeId`. */
  path: string;
  element: ReactNode;
  nav?: { label: Translations<undefined>; roles: readonly Role[] };
}
