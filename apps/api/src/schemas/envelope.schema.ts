// Success styles of docs/api.md#envelopes: enveloped `{ok:true, result}` or the raw payload, fixed per route.
import { Type, type TSchema } from '@sinclair/typebox';

export const Envelope = <T extends TSchema>(result: T) => Type.Object({ ok: Type.Literal(true), result });

export function ok<T>(result: T): { ok: true; result: T } {
  return { ok: true, result };
}
