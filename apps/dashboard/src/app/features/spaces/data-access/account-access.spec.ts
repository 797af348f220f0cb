import type { AccountPublicInfo } from '@hfd/contracts';
import { makeAccount } from '../../../../testing/fixtures';
import { accountAccess } from './account-access';

const config = (overrides: Partial<AccountPublicInfo> = {}): AccountPublicInfo => ({
  name: 'alice',
  hasToken: true,
  canWrite: true,
  tokenRole: 'write',
  ...overrides,
});

describe('accountAccess', () => {
  it("follows the inventory's canWrite over the configuration's", () => {
    // The Hub was down at start: /config could not learn the role; the inventory did later.
    expect(accountAccess(config({ canWrite: false, tokenRole: null }), makeAccount('alice', { canWrite: true }))).toBe('write');
    // The token was replaced by a read token: the inventory knows, /config was read before.
    expect(accountAccess(config({ canWrite: true }), makeAccount('alice', { canWrite: false }))).toBe('read-only');
  });

  it('uses the configuration until the first inventory arrives', () => {
    expect(accountAccess(config({ canWrite: true }), null)).toBe('write');
    expect(accountAccess(config({ canWrite: false, tokenRole: 'read' }), null)).toBe('read-only');
  });

  it('says an account without a token has none, whatever the inventory says', () => {
    expect(accountAccess(config({ hasToken: false, canWrite: false, tokenRole: null }), makeAccount('carol', { canWrite: false }))).toBe('no-token');
  });

  it('uses the inventory alone when the configuration did not load', () => {
    expect(accountAccess(null, makeAccount('alice', { canWrite: true }))).toBe('write');
    expect(accountAccess(null, makeAccount('bob', { canWrite: false }))).toBe('read-only');
  });

  it('leaves the decision to the server when neither has loaded', () => {
    expect(accountAccess(null, null)).toBe('unknown');
  });
});
