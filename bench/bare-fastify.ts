// The ceiling: bare Fastify answering a fixed page of the same size as the page under test.
import Fastify from 'fastify';

const size = Number(process.argv[2] ?? 20000);
const body = '<!doctype html><html lang="zh-CN"><body>' + '政'.repeat(Math.max(0, Math.floor((size - 60) / 3))) + '</body></html>';
const app = Fastify({ logger: false });
app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').send(body));
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`listening: http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/\n`);
