import type { ConsoleRoute } from '../console-route';
import { AssignmentList } from './assignment-list';
import { AssignmentReview } from './assignment-review';
import { reviewsText } from './messages';

/** The reviewer's screens: the assignments, and one assigned application to score (docs/console.md). */
export const reviewsRoutes: ConsoleRoute[] = [
  { path: 'reviews', element: <AssignmentList />, nav: { label: reviewsText.NAV_MY_REVIEWS, roles: ['reviewer'] } },
  { path: 'reviews/:assignmentId', element: <AssignmentReview /> },
];
