// Marks a plugin as non-encapsulated so its decorators and hooks reach the context that registers it — the
// mechanism fastify-plugin uses, written out to avoid a dependency for two symbols.
import type { FastifyPluginAsync, FastifyPluginOptions } from 'fastify';

export function nonEncapsulated<Options extends FastifyPluginOptions>(
  name: string,
  plugin: FastifyPluginAsync<Options>,
): FastifyPluginAsync<Options> {
  return Object.assign(plugin, {
    [Symbol.for('skip-override')]: true,
    [Symbol.for('fastify.display-name')]: name,
  });
}
