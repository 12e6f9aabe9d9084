import { join } from 'node:path';
import { describeThreeLanguages } from '@exchange/platform/testing';
import * as server from '../src/server';

/**
 * Every text a person reads from the console server exists in English, Korean and Russian. Loading
 * the server module registers its catalogues (and the platform's it answers with).
 */
describeThreeLanguages('console-server', server, join(__dirname, '../src'), ['console.errors']);
