import { Global, Module, type Provider, type Type } from '@nestjs/common';

/**
 * A service's root module with `providers` visible to all of its modules: how a test hands the
 * service a token it injects optionally, such as its own scratch topic or queue, so parallel runs
 * share nothing. A token the service provides itself is not replaced.
 */
export function withProviders(module: Type<unknown>, providers: Provider[]): Type<unknown> {
  const tokens = providers.map((provider) => ('provide' in provider ? provider.provide : provider));
  @Global()
  @Module({ providers, exports: tokens })
  class TestProviders {}
  @Module({ imports: [TestProviders, module] })
  class ServiceWithTestProviders {}
  return ServiceWithTestProviders;
}
