import { existsSync, readFileSync } from 'node:fs';

export const PG_SOCKET_DIR = '/var/run/postgresql';

/**
 * As `npm start` (infra/lib.sh): a PostgreSQL on this machine over its Unix socket, unless told
 * otherwise (a DATABASE_URL of your own, or BENCH_DATABASE_SOCKET=0). Sets DATABASE_URL when it
 * chooses the socket.
 */
export function useLocalPostgresSocket(): boolean {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL.includes('host=/');
  if (process.env.BENCH_DATABASE_SOCKET === '0' || !existsSync(`${PG_SOCKET_DIR}/.s.PGSQL.5432`)) return false;
  process.env.DATABASE_URL = `postgres://postgres@localhost/exchange_test?host=${PG_SOCKET_DIR}`;
  return true;
}

/** CPU time (ms) a process has used so far, from /proc (Linux); null when it cannot be read. */
export function cpuMs(pid: number | undefined): number | null {
  const ticksPerSecond = 100; // USER_HZ, 100 on every Linux the project runs on
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1_000) / ticksPerSecond; // utime + stime
  } catch {
    return null;
  }
}
