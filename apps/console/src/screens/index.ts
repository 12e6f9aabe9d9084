import type { ConsoleRoute } from './console-route';
import { applicationsRoutes } from './applications/routes';
import { cohortsRoutes } from './cohorts/routes';
import { pilotsRoutes } from './pilots/routes';
import { programmesRoutes } from './programmes/routes';
import { reviewsRoutes } from './reviews/routes';
import { startupRoutes } from './startup/routes';
import { webhooksRoutes } from './webhooks/routes';

export type { ConsoleRoute };

/** Every screen, in menu order. */
export const consoleRoutes: ConsoleRoute[] = [
  ...programmesRoutes,
  ...applicationsRoutes,
  ...reviewsRoutes,
  ...pilotsRoutes,
  ...cohortsRoutes,
  ...webhooksRoutes,
  ...startupRoutes,
];
