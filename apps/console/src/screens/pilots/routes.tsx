import './pilots.css';
import type { ConsoleRoute } from '../console-route';
import { pilotsText } from './messages';
import { PilotScreen } from './pilot-detail';
import { PilotList } from './pilot-list';
import { ProposalScreen } from './proposal-detail';
import { ProposalList } from './proposal-list';
import { SiteList } from './site-list';

/** Match proposals, pilots and the host's sites (docs/console.md). */
export const pilotsRoutes: ConsoleRoute[] = [
  { path: 'proposals', element: <ProposalList />, nav: { label: pilotsText.NAV_PROPOSALS, roles: ['programme_manager', 'host'] } },
  { path: 'proposals/:proposalId', element: <ProposalScreen /> },
  { path: 'pilots', element: <PilotList />, nav: { label: pilotsText.NAV_PILOTS, roles: ['programme_manager', 'host'] } },
  { path: 'pilots/:pilotId', element: <PilotScreen /> },
  { path: 'sites', element: <SiteList />, nav: { label: pilotsText.NAV_SITES, roles: ['host'] } },
];
