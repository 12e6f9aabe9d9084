export { returnedRows } from '@exchange/platform';
