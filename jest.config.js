// One Jest run for the whole monorepo. swc compiles TypeScript (with decorator metadata)
// without needing the TypeScript compiler API.
const swcConfig = JSON.parse(require('fs').readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swcConfig.$schema;

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', { ...swcConfig, swcrc: false }],
    // NestJS 12 ships ES modules only, and Jest on Node 20 cannot require() them: compile to CommonJS.
    '^.+/node_modules/.+\\.js$': ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' }, swcrc: false }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@fastify/static|file-type|strtok3|token-types|@tokenizer|@borewit|uint8array-extras|content-disposition)/)'],
  moduleNameMapper: {
    '^@exchange/messaging/testing$': '<rootDir>/libs/messaging/src/testing/index.ts',
    '^@exchange/platform/testing$': '<rootDir>/libs/platform/src/testing/index.ts',
    '^@exchange/platform/messages$': '<rootDir>/libs/platform/src/i18n/messages.ts',
    '^@exchange/data/enums$': '<rootDir>/libs/data/src/enums.ts',
    '^@exchange/sdk/browser$': '<rootDir>/libs/sdk/src/browser.ts',
    '^@exchange/(contracts|data|messaging|platform|sdk)$': '<rootDir>/libs/$1/src/index.ts',
  },
  testMatch: ['<rootDir>/{libs,services,infra,e2e,apps}/**/*.spec.ts'],
  globalSetup: '<rootDir>/libs/data/test/global-setup.ts',
  testTimeout: 60_000,
  // Integration specs share one broker and one database; two workers fit a 2-core machine.
  maxWorkers: 2,
};
