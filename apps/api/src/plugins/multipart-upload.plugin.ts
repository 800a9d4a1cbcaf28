// Multipart uploads for the routes registered beside it (docs/api.md#social-sharing): @fastify/multipart with tight
// limits, and `request.readUpload()` reading every part into memory with its failures in the error envelope — over
// the file limit 413, not multipart 415, anything else malformed 400, all `INVALID_REQUEST`. Encapsulated: only the
// routes in the same scope accept multipart bodies; every other route still takes JSON only.
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpProblem, isHttpProblem } from '../http-problem.ts';
import { nonEncapsulated } from './non-encapsulated.ts';

export interface Upload {
  /** file parts by field name (the last one wins) */
  readonly files: ReadonlyMap<string, Buffer>;
  readonly fields: ReadonlyMap<string, string>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The parts of a multipart body; only on routes registered beside multipartUploadPlugin. */
    readUpload(): Promise<Upload>;
  }
}

export interface MultipartUploadOptions {
  readonly maxFileBytes: number;
}

function uploadProblem(error: unknown, maxFileBytes: number): HttpProblem {
  if (isHttpProblem(error)) return error;
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return new HttpProblem(413, 'INVALID_REQUEST', `The upload is too large: one file of at most ${String(maxFileBytes)} bytes and a few short fields.`);
  }
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new HttpProblem(415, 'INVALID_REQUEST', 'The upload must be multipart/form-data.');
  return new HttpProblem(400, 'INVALID_REQUEST', 'The multipart body is malformed.');
}

// Not encapsulated itself: the parser and `readUpload` reach the scope app.ts registers it in, and stop there.
export const multipartUploadPlugin = nonEncapsulated('multipart-upload', async (app: FastifyInstance, { maxFileBytes }: MultipartUploadOptions) => {
  // busboy stops reading past these: one file, a few short fields.
  await app.register(fastifyMultipart, { limits: { fileSize: maxFileBytes, files: 1, fields: 4, fieldSize: 4096, parts: 6 } });
  app.decorateRequest('readUpload', async function (this: FastifyRequest): Promise<Upload> {
    const files = new Map<string, Buffer>();
    const fields = new Map<string, string>();
    try {
      for await (const part of this.parts()) {
        if (part.type === 'file') files.set(part.fieldname, await part.toBuffer());
        else fields.set(part.fieldname, String(part.value));
      }
    } catch (error) {
      throw uploadProblem(error, maxFileBytes);
    }
    return { files, fields };
  });
});
