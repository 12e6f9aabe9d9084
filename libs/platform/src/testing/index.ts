export * from './free-port';
export * from './wait-for';
export * from './service-process';
export * from './service-boot-suite';
export * from './identity-fixtures';
export * from './route-access';
