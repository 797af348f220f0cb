import type { CreateApiKeyResponse, LoginResponse, Role, User } from '@hfd/contracts';
import { E2E_PASSWORD, type E2eContext } from './e2e-harness';

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

/** The JSON of a body, or null for an empty or non-JSON one (a CSV, say). */
function parseJson(text: string): unknown {
  try {
    return text === '' ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

/** One JSON call to the API, with a bearer when given. */
export async function call<T = Record<string, unknown>>(context: E2eContext, method: string, path: string, bearer?: string | null, body?: unknown): Promise<Reply<T>> {
  const headers: Record<string, string> = {};
  if (bearer) headers['Authorization'] = `Bearer ${bearer}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${context.url}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: parseJson(text) as T, headers: response.headers, text };
}

export async function loginAs(context: E2eContext, username: string, password: string, code?: string): Promise<LoginResponse> {
  const reply = await call<LoginResponse>(context, 'POST', '/auth/login', null, { username, password, ...(code === undefined ? {} : { code }) });
  if (reply.status !== 200) throw new Error(`login of ${username} answered ${reply.status} ${reply.text}`);
  return reply.body;
}

export function adminToken(context: E2eContext): Promise<string> {
  return loginAs(context, 'admin', E2E_PASSWORD).then((login) => login.accessToken);
}

/** A password that passes the strength rules. */
export const GOOD_PASSWORD = 'a-long-enough-passphrase-42';

export async function createUser(context: E2eContext, admin: string, username: string, role: Role, accounts?: string[]): Promise<User> {
  const reply = await call<User>(context, 'POST', '/users', admin, { username, password: GOOD_PASSWORD, role, ...(accounts ? { accounts } : {}) });
  if (reply.status !== 201) throw new Error(`creating ${username} answered ${reply.status} ${reply.text}`);
  return reply.body;
}

export async function createKey(context: E2eContext, admin: string, name: string, role: Role, accounts?: string[]): Promise<CreateApiKeyResponse> {
  const reply = await call<CreateApiKeyResponse>(context, 'POST', '/api-keys', admin, { name, role, ...(accounts ? { accounts } : {}) });
  if (reply.status !== 201) throw new Error(`creating key ${name} answered ${reply.status} ${reply.text}`);
  return reply.body;
}
