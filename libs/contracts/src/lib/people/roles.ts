/** The roles, least first: each includes what the ones before it may do. */
export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Whether `role` includes `least` (an admin may do what an operator may, and so on). */
export function roleIncludes(role: Role, least: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(least);
}

/**
 * The accounts (user or organisation names of HF_USER) a user or key is limited to; `null`
 * means every configured account.
 */
export type AccountScope = readonly string[] | null;
