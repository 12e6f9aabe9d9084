import './cohorts.css';
import type { ConsoleRoute } from '../console-route';
import { CohortScreen } from './cohort-detail';
import { CohortList } from './cohort-list';
import { cohortsText } from './messages';

/** The accelerator's cohorts: selection, offers, waitlist and graduation (docs/console.md). */
export const cohortsRoutes: ConsoleRoute[] = [
  { path: 'cohorts', element: <CohortList />, nav: { label: cohortsText.NAV_COHORTS, roles: ['programme_manager'] } },
  { path: 'cohorts/:cohortId', element: <CohortScreen /> },
];
