// One Jest run for the whole monorepo. swc compiles TypeScript (with decorator metadata)
// without needing the TypeScript compiler API.
const swcConfig = JSON.parse(require('fs').readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swcConfig.$schema;

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcConfig, swcrc: false }] },
  moduleNameMapper: {
    '^@exchange/messaging/testing$': '<rootDir>/libs/messaging/src/testing/index.ts',
    '^@exchange/(contracts|data|messaging|platform)$': '<rootDir>/libs/$1/src/index.ts',
  },
  testMatch: ['<rootDir>/{libs,services,infra}/**/*.spec.ts'],
  globalSetup: '<rootDir>/libs/data/test/global-setup.ts',
  testTimeout: 60_000,
  // Integration specs share one broker and one database; two workers fit a 2-core machine.
  maxWorkers: 2,
};
