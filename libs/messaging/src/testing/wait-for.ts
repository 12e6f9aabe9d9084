// One polling helper for every test: the platform's.
export { waitFor } from '@exchange/platform/testing';
