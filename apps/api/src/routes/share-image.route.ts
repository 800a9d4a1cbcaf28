// The share image (docs/api.md#social-sharing): an administrator uploads it as multipart form data, and anyone —
// other sites' link-preview crawlers above all — reads it from the database through two paths, `/v0/…` and the
// `/api/v0/…` that `defaultImageUrl` names. Registered beside multipartUploadPlugin (app.ts), the only multipart scope.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SHARE_IMAGE_PATH, type ShareSettings } from '@socialpredict/domain';
import type { ContentUseCases } from '@socialpredict/runtime';
import { HttpProblem } from '../http-problem.ts';
import { unwrap } from '../http-error.mapper.ts';
import { contentText, sanitizeFields } from '../input-sanitizers.ts';
import { actorOf } from '../principal.ts';
import { toShareSettings } from '../presenters/content.presenter.ts';
import { documented } from '../schemas/common.schema.ts';
import { exampleShare, ShareSettingsBody } from '../schemas/content.schema.ts';
import { Envelope, ok } from '../schemas/envelope.schema.ts';
import { errorResponses } from '../schemas/error.schema.ts';
import { routeWrite } from '../write-call.ts';

export interface ShareImageRouteOptions {
  useCases: ContentUseCases;
  bootTime: number;
}

export const shareImageRoutes: FastifyPluginAsyncTypebox<ShareImageRouteOptions> = async (app, { useCases, bootTime }) => {
  app.post(
    '/v0/admin/content/social-share/image',
    {
      config: { auth: 'admin', limit: 'general' },
      schema: {
        tags: ['admin'],
        summary: 'Upload the share image',
        description:
          'Multipart form data: the field `image` holds a PNG, JPEG or WebP picture of at most 5 MiB (judged by its ' +
          'bytes, not its name or declared type: anything else is 400 `VALIDATION_FAILED`; over 5 MiB is 413 ' +
          '`INVALID_REQUEST`), the optional field `imageAlt` its alt text (≤ 160). The image is stored in the database, ' +
          `and the card's \`defaultImageUrl\` becomes \`${SHARE_IMAGE_PATH}\` with the image shown.`,
        security: [{ bearer: [] }],
        consumes: ['multipart/form-data'],
        response: {
          200: documented(Envelope(ShareSettingsBody), 'The card, now naming the uploaded image.', { ok: true, result: exampleShare }),
          ...errorResponses(400, 401, 403, 404, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const upload = await request.readUpload();
      const image = upload.files.get('image');
      const imageAlt = upload.fields.get('imageAlt');
      if (image === undefined) {
        throw new HttpProblem(400, 'VALIDATION_FAILED', 'Invalid input: image is required.', { details: { fields: { image: ['is required'] } } });
      }
      const clean = imageAlt === undefined ? {} : sanitizeFields({ imageAlt: contentText(imageAlt, 'single-line') });
      const write = routeWrite(request, reply, (saved: ShareSettings) => ({ status: 200, body: ok(toShareSettings(saved, bootTime)) }));
      const saved = await unwrap(useCases.uploadShareImage({ actor: actorOf(request), bytes: new Uint8Array(image), ...clean }, write.call));
      return write.send(saved);
    },
  );

  for (const url of ['/v0/content/social-share/image', '/api/v0/content/social-share/image']) {
    app.get(
      url,
      {
        config: { limit: 'none' },
        // A binary body has no JSON schema to document; docs/api.md#social-sharing describes it.
        schema: { hide: true, params: Type.Object({}) },
      },
      async (_request, reply) => {
        const image = await unwrap(useCases.getShareImage());
        if (image === null) throw new HttpProblem(404, 'NOT_FOUND', 'No share image has been uploaded.');
        // Other sites' crawlers and pages fetch the picture: readable from any origin, cached briefly (http-api §3.3).
        return reply
          .type(image.contentType)
          .header('access-control-allow-origin', '*')
          .header('cross-origin-resource-policy', 'cross-origin')
          .header('cache-control', 'public, max-age=300')
          .header('last-modified', new Date(image.updatedAt).toUTCString())
          .send(Buffer.from(image.bytes));
      },
    );
  }
};
