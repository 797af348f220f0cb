/**
 * The account called `name` among `accounts` (the configured ones, or their states in the
 * inventory). The Hub's account names are case-insensitive, so a Space id typed `User1/x`
 * belongs to `user1`: every lookup by name goes through here so none forgets it.
 */
export function accountByName<T extends { readonly name: string }>(accounts: readonly T[], name: string): T | undefined {
  const key = name.toLowerCase();
  return accounts.find((account) => account.name.toLowerCase() === key);
}
