import type { ConsoleRoute } from '../console-route';
import { programmesText } from './messages';
import { ProgrammeCreate } from './programme-create';
import { ProgrammeDetail } from './programme-detail';
import { ProgrammeEdit } from './programme-edit';
import { ProgrammeList } from './programme-list';

/** The screens of this area (docs/console.md). */
export const programmesRoutes: ConsoleRoute[] = [
  { path: 'programmes', element: <ProgrammeList />, nav: { label: programmesText.NAV_PROGRAMMES, roles: ['programme_manager'] } },
  { path: 'programmes/new', element: <ProgrammeCreate /> },
  { path: 'programmes/:programmeId', element: <ProgrammeDetail /> },
  { path: 'programmes/:programmeId/edit', element: <ProgrammeEdit /> },
];
