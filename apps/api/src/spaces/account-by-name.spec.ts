import { accountByName } from './account-by-name';

describe('accountByName', () => {
  const accounts = [
    { name: 'user1', token: 'a' },
    { name: 'My-Org', token: null },
  ];

  it('finds an account whatever the case of either name', () => {
    expect(accountByName(accounts, 'USER1')).toBe(accounts[0]);
    expect(accountByName(accounts, 'my-org')).toBe(accounts[1]);
  });

  it('answers undefined for a name that is not configured, or only a prefix of one', () => {
    expect(accountByName(accounts, 'user')).toBeUndefined();
    expect(accountByName(accounts, 'user1 ')).toBeUndefined();
    expect(accountByName([], 'user1')).toBeUndefined();
  });
});
