import { request as httpRequest } from 'node:http';
import { E2E_API_KEY, startE2e, type E2eContext } from './e2e-harness';

function raw(url: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: target.hostname, port: target.port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text.slice(0, 300), headers: res.headers }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

describe('probe', () => {
  let c: E2eContext;
  beforeAll(async () => { c = await startE2e(); });
  afterAll(() => c.close());
  it('probes', async () => {
    const key = { Authorization: `Bearer ${E2E_API_KEY}` };
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const cases: [string, string, Record<string, string>?, string?][] = [
      ['GET', '/api/v1/stream?' + Array.from({ length: 2000 }, (_, i) => `p${i}=`).join('&')],
      ['GET', '/api/v1/stream?' + Array.from({ length: 3000 }, () => `spaces=a`).join('&')],
      ['GET', '/api/v1/spaces?' + Array.from({ length: 2000 }, (_, i) => `p${i}=`).join('&')],
      ['GET', '/api/v1/spaces/user1/space1?' + Array.from({ length: 2000 }, (_, i) => `p${i}=`).join('&')],
      ['GET', '/api/v1/spaces', { Origin: 'https://evil.example' }],
      ['OPTIONS', '/api/v1/spaces/user1/space1/restart', { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization' }],
      ['GET', '/'],
      ['GET', '/some/page'],
      ['GET', '/api/v1/nope'],
      ['GET', '/api/docs'],
      ['POST', '/api/v1/auth/login', { 'Content-Type': 'application/json', 'Content-Encoding': 'deflate' }, 'xx'],
      ['POST', '/api/v1/auth/login', { 'Content-Type': 'application/json', 'Content-Encoding': 'foo' }, 'xx'],
      ['POST', '/api/v1/auth/login', { 'Content-Type': 'application/json', 'Content-Length': '99999999' }, 'xx'],
      ['POST', '/api/v1/auth/login', { 'Content-Type': 'application/json' }, '{"username": ' + '['.repeat(40) + ']'.repeat(40) + ', "password": "x"}'],
      ['POST', '/api/v1/auth/login', { 'Content-Type': 'application/json' }, '{"username": "a", "password": "x", "constructor": {"prototype": {"a": 1}}}'],
    ];
    for (const [m, p, h, b] of cases) {
      const r = await raw(c.url, m, p, h, b);
      // eslint-disable-next-line no-console
      console.log(m, p.slice(0, 80), '→', r.status, r.headers['content-type'], r.body.slice(0, 160), JSON.stringify(r.headers).slice(0, 900));
    }
    const errors = c.logs.filter((l) => /"level":50/.test(l));
    // eslint-disable-next-line no-console
    console.log('ERRORS', errors.map((l) => l.slice(0, 400)).join('\n'));
    expect(true).toBe(true);
  }, 120000);
});
