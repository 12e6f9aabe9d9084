export * from './messages';
export * from './negotiate';
export * from './request-language';
