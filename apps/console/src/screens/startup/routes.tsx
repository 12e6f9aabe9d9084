import type { ConsoleRoute } from '../console-route';
import { ApplicationStatus } from './application-status';
import { startupText } from './messages';
import { MyApplications } from './my-applications';
import { Offers } from './offers';
import { StartupProfile } from './startup-profile';

/** The startup's screens: its profile, its applications with their history, its cohort offers (docs/console.md). */
export const startupRoutes: ConsoleRoute[] = [
  { path: 'my-startup', element: <StartupProfile />, nav: { label: startupText.NAV_MY_STARTUP, roles: ['startup'] } },
  { path: 'my-applications', element: <MyApplications />, nav: { label: startupText.NAV_MY_APPLICATIONS, roles: ['startup'] } },
  { path: 'my-applications/:applicationId', element: <ApplicationStatus /> },
  { path: 'offers', element: <Offers />, nav: { label: startupText.NAV_OFFERS, roles: ['startup'] } },
];
