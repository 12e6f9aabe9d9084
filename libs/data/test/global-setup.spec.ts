import { testDatabaseUrl } from './global-setup';

describe('global setup', () => {
  const saved = process.env.DATABASE_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  });

  it('refuses a database whose name does not contain "test"', () => {
    process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/exchange';
    expect(() => testDatabaseUrl()).toThrow(/Refusing to run tests against database "exchange"/);
  });

  it('accepts a test database and defaults to exchange_test', () => {
    process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/exchange_ci_test';
    expect(testDatabaseUrl()).toBe('postgres://postgres@127.0.0.1:5432/exchange_ci_test');
    delete process.env.DATABASE_URL;
    expect(testDatabaseUrl()).toBe('postgres://postgres@127.0.0.1:5432/exchange_test');
  });
});
