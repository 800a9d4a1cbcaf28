// ERR-4: the SQLSTATE table of the driver-error mapper, on errors shaped like those of postgres.js, PGlite and Drizzle.
import { describe, expect, it } from 'vitest';
import { toInfrastructureError } from '../src/drizzle/pg-error.mapper.ts';

/** What Drizzle throws: a wrapper whose cause is the driver error (and whose message lists the parameters). */
function drizzleWrapped(cause: object): Error {
  return Object.assign(new Error('Failed query: insert into "users" …\nparams: alice,secret-hash'), { cause });
}

describe('toInfrastructureError', () => {
  it.each([
    ['55P03', 'LOCK_TIMEOUT'],
    ['40P01', 'DEADLOCK'],
    ['08006', 'UNAVAILABLE'],
    ['57P01', 'UNAVAILABLE'],
    ['57P03', 'UNAVAILABLE'],
    ['53300', 'UNAVAILABLE'],
    ['CONNECTION_CLOSED', 'UNAVAILABLE'],
    ['CONNECT_TIMEOUT', 'UNAVAILABLE'],
    ['ECONNREFUSED', 'UNAVAILABLE'],
    ['23503', 'UNEXPECTED'],
    ['23514', 'UNEXPECTED'],
    ['42P01', 'UNEXPECTED'],
  ])('maps code %s to %s', (code, kind) => {
    const error = toInfrastructureError(drizzleWrapped({ code, message: 'boom' }), 'bets.insert');
    expect(error).toMatchObject({ code: 'INFRASTRUCTURE_ERROR', kind, message: 'bets.insert: boom' });
  });

  it('maps 23505 to UNIQUE_VIOLATION with the constraint and its record field (postgres.js and PGlite shapes)', () => {
    const fromPostgresJs = toInfrastructureError(drizzleWrapped({ code: '23505', constraint_name: 'users_username_unique' }), 'users.insert');
    expect(fromPostgresJs).toMatchObject({ kind: 'UNIQUE_VIOLATION', field: 'username', constraint: 'users_username_unique' });
    const fromPglite = toInfrastructureError(drizzleWrapped({ code: '23505', constraint: 'users_display_name_unique' }), 'users.update');
    expect(fromPglite).toMatchObject({ kind: 'UNIQUE_VIOLATION', field: 'displayName', constraint: 'users_display_name_unique' });
    const unknown = toInfrastructureError({ code: '23505', constraint: 'some_other_key' }, 'x');
    expect(unknown).toMatchObject({ kind: 'UNIQUE_VIOLATION', field: 'some_other_key', constraint: 'some_other_key' });
  });

  it('never carries the query parameters in the message or the cause', () => {
    const error = toInfrastructureError(drizzleWrapped({ code: '23505', constraint_name: 'users_username_unique', parameters: ['secret-hash'] }), 'users.insert');
    expect(JSON.stringify(error)).not.toContain('secret-hash');
  });

  it('keeps a non-driver error as UNEXPECTED with the error as its cause, and passes infrastructure errors through', () => {
    const bug = new TypeError('x is not a function');
    expect(toInfrastructureError(bug, 'transaction')).toMatchObject({ kind: 'UNEXPECTED', message: 'transaction: x is not a function', cause: bug });
    const already = toInfrastructureError({ code: '55P03' }, 'a');
    expect(toInfrastructureError(already, 'b')).toBe(already);
  });

  it('treats a closed PGlite as UNAVAILABLE, without the parameters of the wrapped query', () => {
    expect(toInfrastructureError(new Error('PGlite is closed'), 'users.count')).toMatchObject({ kind: 'UNAVAILABLE' });
    const wrapped = toInfrastructureError(drizzleWrapped(new Error('PGlite is closed')), 'users.insert');
    expect(wrapped).toMatchObject({ kind: 'UNAVAILABLE', message: 'users.insert: PGlite is closed' });
    expect(JSON.stringify(wrapped)).not.toContain('secret-hash');
  });
});
