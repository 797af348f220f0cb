import { extractHubMessage } from './hub-error-message';

const none = new Headers();

describe('extractHubMessage', () => {
  it.each([
    ['{"error":"Repository not found"}', 'Repository not found'],
    ['{"error":["first","second"]}', 'first\nsecond'],
    ['{"errors":[{"message":"bad sdk"},{"message":"bad port"}]}', 'bad sdk\nbad port'],
    ['{"message":"plain message"}', 'plain message'],
    ['{"error":"invalid_grant","error_description":"token expired"}', 'invalid_grant: token expired'],
    ['{"error_description":"only a description"}', 'only a description'],
    ['"a JSON string"', 'a JSON string'],
    ['Too many requests, slow down', 'Too many requests, slow down'],
  ])('reads %s', (body, message) => {
    expect(extractHubMessage(body, none)).toBe(message);
  });

  it('ignores HTML pages from the CDN and falls back to X-Error-Message', () => {
    const headers = new Headers({ 'x-error-message': 'Invalid credentials in Authorization header' });
    expect(extractHubMessage('<html><body>502 Bad Gateway</body></html>', headers)).toBe('Invalid credentials in Authorization header');
    expect(extractHubMessage('<!DOCTYPE html><html></html>', none)).toBeUndefined();
  });

  it('prefers the body, and uses the header for an empty or unhelpful body', () => {
    const headers = new Headers({ 'x-error-message': 'from header' });
    expect(extractHubMessage('{"error":"from body"}', headers)).toBe('from body');
    expect(extractHubMessage('', headers)).toBe('from header');
    expect(extractHubMessage('{"url":"x"}', headers)).toBe('from header');
  });

  it('keeps at most 500 characters', () => {
    expect(extractHubMessage(JSON.stringify({ error: 'x'.repeat(2000) }), none)).toHaveLength(500);
  });
});
