// The read ceiling of docs/performance.md#bench-load: a bare Fastify hello-world, run as a process of its own so its
// CPU can be read like the API's. Prints `listening <port>` once it accepts connections.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
const port = Number(process.argv[2] ?? '0');
const address = await app.listen({ host: '127.0.0.1', port });
process.stdout.write(`listening ${new URL(address).port}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
