import { resolve } from 'node:path';
import { ConfigValidationError, validateEnv } from './env.schema';

describe('validateEnv', () => {
  it('gives the documented defaults for an empty environment', () => {
    const env = validateEnv({});
    for (const unset of ['HF_USER', 'API_KEY', 'USER_PASSWORD', 'JWT_SECRET'] as const) expect(env[unset]).toBeUndefined();
    expect(env).toMatchObject({
      DEMO: true,
      USER_NAME: 'admin',
      PORT: 8080,
      SHOW_PRIVATE: false,
      HF_ENDPOINT: 'https://huggingface.co',
      HF_SPACES_ENDPOINT: 'https://api.hf.space',
      SESSION_TTL: 24 * 3600_000,
      REFRESH_INTERVAL: 30_000,
      LOG_LEVEL: 'info',
      METRICS_REQUIRE_API_KEY: false,
      TRUST_PROXY: false,
      TRUSTED_PROXY_AUTH: false,
      OIDC_ROLE_CLAIM: 'groups',
      STREAM_LIMIT_PER_CLIENT: 50,
      STREAM_LIMIT: 5000,
      CORS_ORIGINS: [],
    });
  });

  it('reads the stream caps, 0 turning one off', () => {
    expect(validateEnv({ STREAM_LIMIT_PER_CLIENT: '200', STREAM_LIMIT: '0' })).toMatchObject({ STREAM_LIMIT_PER_CLIENT: 200, STREAM_LIMIT: 0 });
  });

  it('reads the original variables', () => {
    const env = validateEnv({
      HF_USER: 'user1:token1,user3:',
      API_KEY: 'my-api-key',
      USER_NAME: 'root',
      USER_PASSWORD: 'secretpassword',
      PORT: '3000',
      SHOW_PRIVATE: 'true',
    });
    expect(env.HF_USER).toEqual([
      { name: 'user1', token: 'token1' },
      { name: 'user3', token: null },
    ]);
    expect(env).toMatchObject({ API_KEY: 'my-api-key', USER_NAME: 'root', USER_PASSWORD: 'secretpassword', PORT: 3000, SHOW_PRIVATE: true });
  });

  it('treats blank values as unset', () => {
    const env = validateEnv({ HF_USER: '  ', API_KEY: '', PORT: '' });
    expect(env.HF_USER).toBeUndefined();
    expect(env.API_KEY).toBeUndefined();
    expect(env.PORT).toBe(8080);
  });

  it('reads durations, a bare number as seconds', () => {
    expect(validateEnv({ REFRESH_INTERVAL: '2m', SESSION_TTL: '90' })).toMatchObject({ REFRESH_INTERVAL: 120_000, SESSION_TTL: 90_000 });
  });

  it('reads LOG_LEVEL and LOG_FORMAT in any case; LOG_FORMAT unset leaves the choice to the terminal', () => {
    expect(validateEnv({ LOG_LEVEL: 'DEBUG', LOG_FORMAT: 'Pretty' })).toMatchObject({ LOG_LEVEL: 'debug', LOG_FORMAT: 'pretty' });
    expect(validateEnv({ LOG_FORMAT: 'json' }).LOG_FORMAT).toBe('json');
    expect(validateEnv({ LOG_FORMAT: ' ' }).LOG_FORMAT).toBeUndefined();
  });

  it('strips trailing slashes from endpoints', () => {
    expect(validateEnv({ HF_ENDPOINT: 'http://127.0.0.1:9000/' }).HF_ENDPOINT).toBe('http://127.0.0.1:9000');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT: "eighty" is not a port number'],
    [{ PORT: '70000' }, 'PORT: "70000" is not a port number'],
    [{ REFRESH_INTERVAL: 'soon' }, 'REFRESH_INTERVAL: "soon" is not a duration'],
    [{ REFRESH_INTERVAL: '1s' }, 'REFRESH_INTERVAL: must be between'],
    [{ SESSION_TTL: 'forever' }, 'SESSION_TTL: "forever" is not a duration'],
    [{ SHOW_PRIVATE: 'maybe' }, 'SHOW_PRIVATE: "maybe" is not a boolean'],
    [{ HF_ENDPOINT: 'huggingface.co' }, 'HF_ENDPOINT: "huggingface.co" is not a URL'],
    [{ HF_SPACES_ENDPOINT: 'ftp://x' }, 'HF_SPACES_ENDPOINT: must be an http or https URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET: must be at least 32 characters'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL: "loud" is not one of'],
    [{ LOG_FORMAT: 'text' }, 'LOG_FORMAT: "text" is not one of pretty, json'],
    [{ STREAM_LIMIT_PER_CLIENT: '-1' }, 'STREAM_LIMIT_PER_CLIENT: "-1" is not a whole number'],
    [{ STREAM_LIMIT: '5e3' }, 'STREAM_LIMIT: "5e3" is not a whole number'],
    [{ STREAM_LIMIT: '99999999999' }, 'STREAM_LIMIT: "99999999999" is not a whole number'],
    [{ HF_USER: 'a:1,a:2' }, 'HF_USER: account "a" is listed twice'],
    [{ USER_PASSWORD: 'change-me-to-a-long-random-password' }, 'USER_PASSWORD: is still the placeholder of docker/.env.example'],
    [{ API_KEY: 'change-me-to-a-long-random-api-key' }, 'API_KEY: is still the placeholder of docker/.env.example'],
    [{ JWT_SECRET: 'CHANGEME-0123456789-0123456789-0123456789' }, 'JWT_SECRET: is still the placeholder of docker/.env.example'],
    [{ DATABASE_URL: 'mysql://db/x', SECRET_KEY: 'k'.repeat(32) }, 'DATABASE_URL: must be a postgres://user:password@host:port/database URL'],
    [{ DATABASE_URL: 'postgres://db/x' }, 'SECRET_KEY: must be set when DATABASE_URL is (32+ characters)'],
    [{ SECRET_KEY: 'short' }, 'SECRET_KEY: must be at least 32 characters'],
    [{ HISTORY_RETENTION: '1h' }, 'HISTORY_RETENTION: must be between 1 day and'],
    [{ OIDC_ISSUER: 'https://id.example.com' }, 'OIDC_CLIENT_ID: OIDC_ISSUER and OIDC_CLIENT_ID turn single sign-on on together'],
    [{ OIDC_CLIENT_ID: 'dashboard' }, 'OIDC_ISSUER: OIDC_ISSUER and OIDC_CLIENT_ID turn single sign-on on together'],
    [{ OIDC_ISSUER: 'id.example.com', OIDC_CLIENT_ID: 'x' }, 'OIDC_ISSUER: "id.example.com" is not an http or https URL'],
    [{ OIDC_DEFAULT_ROLE: 'root' }, 'OIDC_DEFAULT_ROLE: "root" is not one of viewer, operator, admin'],
    [{ PUBLIC_URL: 'dashboard.example.com' }, 'PUBLIC_URL: "dashboard.example.com" is not an http or https URL'],
    [{ TRUSTED_PROXY_AUTH: 'true' }, 'TRUSTED_PROXY_AUTH: needs TRUST_PROXY to list the proxy addresses'],
    [{ TRUSTED_PROXY_AUTH: 'true', TRUST_PROXY: 'true' }, 'TRUSTED_PROXY_AUTH: needs TRUST_PROXY to list the proxy addresses'],
    [{ TRUSTED_PROXY_AUTH: 'true', TRUST_PROXY: '1' }, 'TRUSTED_PROXY_AUTH: needs TRUST_PROXY to list the proxy addresses'],
  ])('stops on %j with one line naming the variable', (raw, message) => {
    let thrown: unknown;
    try {
      validateEnv(raw);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigValidationError);
    expect((thrown as Error).message).toContain(message);
    expect((thrown as Error).message).not.toContain('\n');
  });

  it('reads the storage variables: DATA_DIR from the working directory, HISTORY_RETENTION as a duration', () => {
    expect(validateEnv({})).toMatchObject({ DATA_DIR: resolve('data'), HISTORY_RETENTION: 90 * 86_400_000 });
    expect(validateEnv({ DATA_DIR: '/data', HISTORY_RETENTION: '30d', SPACE_ID: 'me/dash' })).toMatchObject({
      DATA_DIR: '/data',
      HISTORY_RETENTION: 30 * 86_400_000,
      SPACE_ID: 'me/dash',
    });
    const postgres = validateEnv({ DATABASE_URL: 'postgresql://u:p@db:5432/hf', SECRET_KEY: 'k'.repeat(40) });
    expect(postgres).toMatchObject({ DATABASE_URL: 'postgresql://u:p@db:5432/hf', SECRET_KEY: 'k'.repeat(40) });
  });

  it('never puts DATABASE_URL, and so its password, into the message', () => {
    expect(() => validateEnv({ DATABASE_URL: 'mysql://user:pa55word@db/x', SECRET_KEY: 'k'.repeat(32) })).toThrow(/^Invalid configuration: DATABASE_URL: [^\n]*$/);
    expect(() => validateEnv({ DATABASE_URL: 'mysql://user:pa55word@db/x', SECRET_KEY: 'k'.repeat(32) })).not.toThrow(/pa55word/);
  });

  it('never puts a token into the message', () => {
    expect(() => validateEnv({ HF_USER: 'good:hf_abcdef,bad name:hf_abcdef' })).toThrow(/HF_USER/);
    try {
      validateEnv({ HF_USER: 'good:hf_abcdef,bad name:hf_abcdef' });
    } catch (error) {
      expect((error as Error).message).not.toContain('hf_abcdef');
    }
  });
});
