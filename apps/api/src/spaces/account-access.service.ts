import { Injectable, Logger } from '@nestjs/common';
import type { AccountPublicInfo } from '@hfd/contracts';
import type { AccountConfig } from '../config/hf-user.parser';
import type { HubWhoAmI } from '../hf-client/hf-api.types';
import { HubUnauthorizedError } from '../hf-client/hf-client.errors';
import { HfClientService } from '../hf-client/hf-client.service';
import { HubTarget } from '../hub-target/hub-target';

type TokenRole = AccountPublicInfo['tokenRole'];

/** Org roles that may restart and pause the org's Spaces. */
const WRITING_ORG_ROLES = new Set(['admin', 'write']);

function roleOf(whoami: HubWhoAmI): TokenRole {
  const role = whoami.auth?.accessToken?.role;
  return role === 'read' || role === 'write' || role === 'fineGrained' ? role : null;
}

/** Whether the token behind `whoami` may write to the Spaces of `account`. */
export function tokenMayWrite(account: string, whoami: HubWhoAmI): boolean {
  const name = account.toLowerCase();
  const role = whoami.auth?.accessToken?.role;
  if (role === 'write') {
    if (whoami.name.toLowerCase() === name) return true;
    const org = whoami.orgs.find((candidate) => candidate.name.toLowerCase() === name);
    // A membership without a stated role is left to the Hub to judge.
    return org !== undefined && (org.roleInOrg === undefined || WRITING_ORG_ROLES.has(org.roleInOrg));
  }
  if (role === 'fineGrained') {
    return (whoami.auth?.accessToken?.fineGrained?.scoped ?? []).some((scope) => {
      const entity = (scope.entity.name ?? '').toLowerCase();
      const covers = entity === name || entity.startsWith(`${name}/`);
      return covers && scope.permissions.includes('repo.write');
    });
  }
  return false;
}

/**
 * What each configured account's token may do, learned once per token through
 * whoami-v2 (rate-limited strictly by the Hub, so each token is asked until it answers,
 * then never again). A token the Hub refuses may do nothing.
 */
@Injectable()
export class AccountAccessService {
  private readonly logger = new Logger(AccountAccessService.name);
  private readonly accounts: readonly AccountConfig[];
  private readonly known = new Map<string, AccountPublicInfo>();
  /** Accounts whose token has been judged (answered, or refused by the Hub). */
  private readonly resolved = new Set<string>();

  constructor(
    private readonly hf: HfClientService,
    hub: HubTarget,
  ) {
    this.accounts = hub.accounts;
    for (const account of this.accounts) {
      this.known.set(account.name.toLowerCase(), { name: account.name, hasToken: account.token !== null, canWrite: false, tokenRole: null });
    }
  }

  /** Asks about every token not yet known; answers whether anything changed. */
  async resolve(): Promise<boolean> {
    const pending = this.accounts.filter((account) => account.token !== null && !this.resolved.has(account.name));
    const answers = await Promise.allSettled(pending.map((account) => this.hf.whoami(account.token as string)));
    let changed = false;
    pending.forEach((account, index) => {
      const answer = answers[index];
      if (answer.status === 'fulfilled') {
        this.resolved.add(account.name);
        this.set(account, { canWrite: tokenMayWrite(account.name, answer.value), tokenRole: roleOf(answer.value) });
        changed = true;
      } else if (answer.reason instanceof HubUnauthorizedError) {
        this.resolved.add(account.name);
        this.logger.warn(`The Hub refused the token of ${account.name}: its Spaces are read-only here`);
      } else {
        this.logger.warn(`Could not learn what the token of ${account.name} may do; will ask again`);
      }
    });
    return changed;
  }

  canWrite(account: string): boolean {
    return this.known.get(account.toLowerCase())?.canWrite ?? false;
  }

  all(): AccountPublicInfo[] {
    return this.accounts.map((account) => this.known.get(account.name.toLowerCase()) as AccountPublicInfo);
  }

  private set(account: AccountConfig, change: Pick<AccountPublicInfo, 'canWrite' | 'tokenRole'>): void {
    const key = account.name.toLowerCase();
    this.known.set(key, { ...(this.known.get(key) as AccountPublicInfo), ...change });
  }
}
