import type { ConsoleRoute } from '../console-route';

/** The screens of this area (docs/console.md). */
export const programmesRoutes: ConsoleRoute[] = [];
