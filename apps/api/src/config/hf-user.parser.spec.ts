import { HfUserFormatError, parseHfUser } from './hf-user.parser';

describe('parseHfUser', () => {
  it('reads the original format, an account without a token included', () => {
    expect(parseHfUser('user1:token1,user2:token2,user3:')).toEqual([
      { name: 'user1', token: 'token1' },
      { name: 'user2', token: 'token2' },
      { name: 'user3', token: null },
    ]);
  });

  it('ignores whitespace around names and tokens, and empty entries', () => {
    expect(parseHfUser(' alice : hf_abc ,, bob:  ,')).toEqual([
      { name: 'alice', token: 'hf_abc' },
      { name: 'bob', token: null },
    ]);
  });

  it('accepts a name without a colon as an account without a token', () => {
    expect(parseHfUser('my-org')).toEqual([{ name: 'my-org', token: null }]);
  });

  it('keeps a token that itself contains a colon', () => {
    expect(parseHfUser('alice:abc:def')).toEqual([{ name: 'alice', token: 'abc:def' }]);
  });

  it.each([
    ['a duplicate name, in any case', 'Alice:x,alice:y', /listed twice/],
    ['a missing name', ':hf_token', /no account name/],
    ['a name with a slash', 'alice/bob:x', /not a valid Hugging Face account name/],
    ['a name with a double dash', 'a--b:x', /not a valid/],
    ['a name ending in a dot', 'alice.:x', /not a valid/],
    ['an overlong name', `${'a'.repeat(97)}:x`, /not a valid/],
    ['a unicode name', 'алиса:x', /not a valid/],
    ['a token with a space', 'alice:hf abc', /token contains/],
    ['nothing but separators', ' , ,', /lists no account/],
  ])('rejects %s', (_case, raw, message) => {
    expect(() => parseHfUser(raw)).toThrow(HfUserFormatError);
    expect(() => parseHfUser(raw)).toThrow(message);
  });

  /**
   * Shaped like a Hugging Face token (hf_ and 20+ letters or digits), as the parser recognises
   * one; put together here so that no secret scanner takes this file for a leaked token.
   */
  const TOKEN_SHAPED = ['hf', 'secretValue0123456789abcdefghij'].join('_');

  it.each([
    ['a token with a space', 'alice:hf_secret_value with_space'],
    ['a missing colon, a space instead', `alice ${TOKEN_SHAPED}`],
    ['a missing colon, an equals sign instead', `alice=${TOKEN_SHAPED}`],
    ['a token alone, the name forgotten', TOKEN_SHAPED],
    ['a token alone after a valid entry', `bob:,${TOKEN_SHAPED}`],
  ])('never repeats a token in its error message: %s', (_case, raw) => {
    expect(() => parseHfUser(raw)).toThrow(HfUserFormatError);
    try {
      parseHfUser(raw);
    } catch (error) {
      expect((error as Error).message).not.toContain('hf_secret');
      expect((error as Error).message).not.toContain('Value0123456789');
    }
  });
});
