import { getLogger, loadConfigOrExit } from '@exchange/platform';
import { consoleConfigSchema, SERVER_NAME } from './config';
import { buildConsoleServer } from './server';

/** `npm run console:serve`: checks the environment (a bad variable stops it, named), serves, stops on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfigOrExit(consoleConfigSchema, SERVER_NAME);
  const server = await buildConsoleServer(config);
  const logger = getLogger({ component: 'bootstrap' });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info(`${signal} received: finishing in-flight requests (at most ${config.SHUTDOWN_TIMEOUT_MS} ms)`);
      setTimeout(() => {
        logger.error(`shutdown did not finish within ${config.SHUTDOWN_TIMEOUT_MS} ms, exiting`);
        process.exit(1);
      }, config.SHUTDOWN_TIMEOUT_MS).unref();
      server.close().then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }

  const url = await server.listen();
  logger.info(`${SERVER_NAME} listening on ${url} (application from ${config.CONSOLE_STATIC_DIR})`);
}

main().catch((err: unknown) => {
  getLogger({ component: 'bootstrap' }).fatal({ err }, 'the console server could not start');
  process.exit(1);
});
