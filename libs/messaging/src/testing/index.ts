export * from './wait-for';
export * from './names';
export * from './scratch-schema';
export * from './test-env';
export * from './test-events';
export * from './collect';
export * from './second-broker';
export * from './free-port';
