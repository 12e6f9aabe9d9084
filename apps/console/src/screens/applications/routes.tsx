import type { ConsoleRoute } from '../console-route';
import { ApplicationDetail } from './application-detail';
import { ApplicationList } from './application-list';
import { applicationsText } from './messages';

/** The screens of this area (docs/console.md). */
export const applicationsRoutes: ConsoleRoute[] = [
  { path: 'applications', element: <ApplicationList />, nav: { label: applicationsText.NAV_APPLICATIONS, roles: ['programme_manager'] } },
  { path: 'applications/:applicationId', element: <ApplicationDetail /> },
];
