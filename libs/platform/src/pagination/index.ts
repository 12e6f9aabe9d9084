export * from './cursor';
export * from './page';
export * from './page-query.dto';
export * from './keyset-sql';
