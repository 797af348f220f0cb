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

  it('writes a failed request on one line, without pino-http’s stand-in error (the error filter logs the real one)', async () => {
    const err = { type: 'Error', message: 'failed with status code 500', stack: 'Error: failed with status code 500\n    at onResFinished' };
    const text = await readable({ level: 50, req: { method: 'POST', url: '/x' }, res: { statusCode: 500 }, err, responseTime: 3, msg: 'request errored' });
    expect(text).toMatch(/ERROR: POST \/x 500 3 ms \(request errored\)\n$/);
  });

  it('keeps the error of any other line', async () => {
    const text = await readable({ level: 50, context: 'Shutdown', err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at stop' }, msg: 'failed' });
    expect(text).toContain('Error: boom');
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
