import { SERVICE_NAMES, type ServiceName } from '@exchange/sdk';
import { consoleError, ConsoleErrorCode } from '../console.errors';

export interface ProxyTarget {
  service: ServiceName;
  /** Path and query for the service, exactly as the browser wrote them: `/v1/proposals?limit=20`. */
  pathAndQuery: string;
}

const isServiceName = (name: string): name is ServiceName => (SERVICE_NAMES as readonly string[]).includes(name);

/** Whether a decoded segment holds a separator or a control character (C0 or DEL). */
function hasSeparatorOrControl(decoded: string): boolean {
  for (const char of decoded) {
    const code = char.codePointAt(0) as number;
    if (char === '/' || char === '\\' || code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Whether a raw path segment could make the service (or anything between) see another path than the console checked. */
function isTrickySegment(raw: string): boolean {
  if (raw === '') return true; // `//` collapses differently in different routers
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return true; // broken percent-encoding
  }
  return decoded === '.' || decoded === '..' || hasSeparatorOrControl(decoded);
}

/**
 * Where a browser's `/api/<service>/<path>` goes, read from the raw request target (never a
 * decoded or normalised form, which could differ from what the service parses). Only the four
 * services, only their API under `/v1/`; dot segments, empty segments, encoded separators and control
 * characters are refused (400) before anything is forwarded.
 */
export function proxyTarget(rawUrl: string): ProxyTarget {
  const queryStart = rawUrl.indexOf('?');
  const path = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
  const query = queryStart === -1 ? '' : rawUrl.slice(queryStart);
  const [empty, api, service, ...rest] = path.split('/');
  if (empty !== '' || api !== 'api' || service === undefined || !isServiceName(service)) throw consoleError(ConsoleErrorCode.NotFound);
  if (rest.some(isTrickySegment)) throw consoleError(ConsoleErrorCode.PathNotAllowed);
  if (rest.length < 2 || rest[0] !== 'v1') throw consoleError(ConsoleErrorCode.NotFound);
  return { service, pathAndQuery: `/${rest.join('/')}${query}` };
}
