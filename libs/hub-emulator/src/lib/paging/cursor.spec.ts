import { HubError } from '../http/hub-error';
import { CursorCodec } from './cursor';

describe('CursorCodec', () => {
  const codec = new CursorCodec();

  it('round-trips an offset through an opaque base64url value', () => {
    const cursor = codec.encode(40);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(codec.decode(cursor)).toBe(40);
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['JSON without a MAC', Buffer.from('{"o":40}').toString('base64url')],
    ['an edited offset', Buffer.from(JSON.stringify({ o: 41, m: 'x' })).toString('base64url')],
    ['a cursor of another emulator', new CursorCodec().encode(40)],
  ])('refuses %s with 400', (_label, cursor) => {
    expect(() => codec.decode(cursor)).toThrow(HubError);
    try {
      codec.decode(cursor);
    } catch (error) {
      expect((error as HubError).status).toBe(400);
    }
  });
});
