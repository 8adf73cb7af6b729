// A third origin for hostile frames: serves test/fixtures/attacker/*.html on its own port.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';

const root = new URL('../fixtures/attacker/', import.meta.url).pathname;

// Port: ATTACKER_PORT, or a free one, so parallel runs on one machine never collide.
export function startAttackerServer(port = Number(process.env.ATTACKER_PORT ?? 0)) {
  const server = createServer(async (req, res) => {
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    try {
      const body = await readFile(join(root, path || 'index.html'));
      res.writeHead(200, { 'content-type': path.endsWith('.js') ? 'text/javascript' : 'text/html' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.unref();
      const { port: actual } = server.address();
      resolve({ origin: `http://127.0.0.1:${actual}`, close: () => server.close() });
    });
  });
}
