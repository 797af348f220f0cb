import { ATTENTION, readableDestination } from './readable-lines';

/** The readable form of each JSON line, without colours. */
async function readable(...lines: object[]): Promise<string> {
  const written: string[] = [];
  const destination = await readableDestination({ write: (text: string) => void written.push(text) }, false);
  for (const line of lines) destination.write(`${JSON.stringify({ level: 30, time: Date.UTC(2030, 0, 1, 12), pid: 1, hostname: 'h', ...line })}\n`);
  return written.join('');
}

describe('readable log lines', () => {
  it('writes a request as method, path, status and duration', async () => {
    const text = await readable({ req: { id: 'x', method: 'GET', url: '/api/v1/spaces' }, res: { statusCode: 200 }, responseTime: 12, msg: 'request completed' });
    expect(text).toMatch(/^\[\d\d:\d\d:\d\d\.000\] INFO: GET \/api\/v1\/spaces 200 12 ms\n$/);
  });

  it('says why a request failed, after the request', async () => {
    const text = await readable({ level: 50, req: { method: 'POST', url: '/x' }, res: { statusCode: 500 }, responseTime: 3, msg: 'request errored' });
    expect(text).toContain('ERROR: POST /x 500 3 ms (request errored)');
  });

  it('writes other lines as [context] message', async () => {
    expect(await readable({ context: 'HfClient', msg: 'GET /api/spaces → 200 in 8 ms' })).toMatch(/INFO: \[HfClient\] GET \/api\/spaces → 200 in 8 ms\n$/);
  });

  it('frames a line that needs attention between two rules', async () => {
    const text = await readable({ level: 40, context: 'AuthService', msg: 'the password is "x"', [ATTENTION]: true });
    expect(text).toMatch(/WARN: \[AuthService\] \n━{72}\n {2}the password is "x"\n━{72}\n$/);
    expect(text).not.toContain(ATTENTION);
  });

  it('defuses terminal control characters in logged text, keeping line feeds', async () => {
    const text = await readable({ msg: 'Hub says \u001b[2J\u001b]0;owned\u0007 and\rover\nnext', detail: 'x\u009b31m' });
    for (const control of ['\u001b', '\u0007', '\r', '\u009b']) expect(text).not.toContain(control);
    expect(text).toContain('Hub says \ufffd[2J\ufffd]0;owned\ufffd and\ufffdover\nnext');
  });

  it('passes a line that is not JSON on, defused', async () => {
    const written: string[] = [];
    const destination = await readableDestination({ write: (text: string) => void written.push(text) }, false);
    destination.write('plain \u001b[31mtext\n');
    expect(written.join('').trimEnd()).toBe('plain \ufffd[31mtext');
  });
});
