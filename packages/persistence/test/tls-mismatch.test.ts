// The TLS mismatch diagnosis of the start-up (DB-4): which failures name DB_REQUIRE_TLS at once and which are left to
// the retries. The server probe runs against the local PostgreSQL, which has no TLS.
import { describe, expect, it } from 'vitest';
import { serverOffersTls, tlsMismatch } from '../src/drizzle/tls-mismatch.ts';
import { describeOnFullServer, postgresAdminUrl } from './support/postgres.harness.ts';

const settings = { url: 'postgres://app@127.0.0.1:1/app', requireTls: true, connectTimeoutSeconds: 1 };

describe('tlsMismatch', () => {
  it('names NODE_EXTRA_CA_CERTS and sslmode=require when verify-full refuses the certificate', async () => {
    const reason = await tlsMismatch(settings, Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }));
    expect(reason).toMatch(/DB_REQUIRE_TLS=true verifies .* \(DEPTH_ZERO_SELF_SIGNED_CERT\).*NODE_EXTRA_CA_CERTS.*sslmode=require/);
  });

  it('asks for DB_REQUIRE_TLS=true when pg_hba.conf admits the host only over TLS', async () => {
    const refused = Object.assign(new Error('no pg_hba.conf entry for host "10.0.0.2", user "app", database "app", no encryption'), { code: '28000' });
    expect(await tlsMismatch({ ...settings, requireTls: false }, refused)).toMatch(/set DB_REQUIRE_TLS=true/);
    expect(await tlsMismatch({ ...settings, requireTls: false }, Object.assign(new Error('password authentication failed'), { code: '28P01' }))).toBeUndefined();
  });

  it('leaves an unreachable server and the embedded database to the retries', async () => {
    expect(await tlsMismatch(settings, Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBeUndefined();
    expect(await tlsMismatch({ ...settings, url: undefined }, new Error('anything'))).toBeUndefined();
    expect(await tlsMismatch({ ...settings, url: 'postgres:///app?host=/run/postgresql' }, new Error('reset'))).toBeUndefined();
  });

  describeOnFullServer('against the local server, which offers no TLS', 'a PostgreSQL server answering the SSLRequest', () => {
    const url = () => postgresAdminUrl();

    it('hears N to the SSLRequest', async () => {
      const { hostname, port } = new URL(url());
      expect(await serverOffersTls(hostname, Number(port || 5432), 2000)).toBe(false);
    });

    it('turns the failed handshake into a message naming DB_REQUIRE_TLS', async () => {
      const handshake = Object.assign(new Error('Client network socket disconnected before secure TLS connection was established'), { code: 'ECONNRESET' });
      const reason = await tlsMismatch({ ...settings, url: url() }, handshake);
      expect(reason).toMatch(/^the database server at .+ does not offer TLS, but DB_REQUIRE_TLS=true .* set DB_REQUIRE_TLS=false/);
    });
  });
});
