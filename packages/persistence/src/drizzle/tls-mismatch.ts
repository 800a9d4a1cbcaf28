// DB_REQUIRE_TLS against what the server offers. A mismatch never heals by waiting, so the start-up names the setting
// at once instead of spending DB_CONNECT_RETRIES × DB_CONNECT_RETRY_DELAY_MS on it (about 100 s at the defaults).
import { connect } from 'node:net';
import type { DatabaseSettings } from './database.factory.ts';

/** Node's codes for a server certificate that verify-full refuses. */
const CERTIFICATE_ERRORS = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** PostgreSQL's SSLRequest: length 8, then the magic code 1234·5679 (protocol §55.2.10). */
const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

type TlsSettings = Pick<DatabaseSettings, 'url' | 'requireTls' | 'connectTimeoutSeconds'>;

/**
 * Why a failed connection attempt cannot succeed with the current DB_REQUIRE_TLS, or undefined when the failure is
 * something else (a server not up yet, a network fault) that the start-up keeps retrying.
 */
export async function tlsMismatch(settings: TlsSettings, error: unknown): Promise<string | undefined> {
  if (settings.url === undefined) return undefined;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (!settings.requireTls) {
    // SQLSTATE 28000 from a pg_hba.conf that admits this host only through `hostssl`.
    return code === '28000' && typeof message === 'string' && message.includes('no encryption')
      ? 'the database server accepts this connection only over TLS; set DB_REQUIRE_TLS=true'
      : undefined;
  }
  if (typeof code === 'string' && CERTIFICATE_ERRORS.has(code)) {
    return (
      `DB_REQUIRE_TLS=true verifies the database server's certificate, which was refused (${code}): give Node the CA ` +
      'that signed it (NODE_EXTRA_CA_CERTS), or add sslmode=require to DATABASE_URL to encrypt without verifying'
    );
  }
  const url = new URL(settings.url);
  // A socket directory (`?host=/run/postgresql`) has no TLS to ask about.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') return undefined;
  const address = `${url.hostname}:${url.port || '5432'}`;
  return (await serverOffersTls(host, Number(url.port || 5432), settings.connectTimeoutSeconds * 1000)) === false
    ? `the database server at ${address} does not offer TLS, but DB_REQUIRE_TLS=true (the default in staging and ` +
        'production): enable TLS on the server, or set DB_REQUIRE_TLS=false where the network to the database is private'
    : undefined;
}

/** Asks the server whether it speaks TLS: `S` yes, `N` no; undefined when it cannot be asked. */
export function serverOffersTls(host: string, port: number, timeoutMs: number): Promise<boolean | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    const done = (answer: boolean | undefined) => {
      socket.destroy();
      resolve(answer);
    };
    socket.once('connect', () => socket.write(SSL_REQUEST));
    socket.once('data', (data) => done(data[0] === 0x53 ? true : data[0] === 0x4e ? false : undefined));
    socket.once('timeout', () => done(undefined));
    socket.once('error', () => done(undefined));
    socket.once('close', () => done(undefined));
  });
}
