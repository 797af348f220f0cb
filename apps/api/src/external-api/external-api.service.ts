import { Injectable } from '@nestjs/common';
import type { ExternalActionResponse, ExternalSpaceInfoResponse, ExternalSpaceListResponse } from '@hfd/contracts';
import { ERROR_CODES } from '@hfd/contracts';
import { ApiException } from '../common/errors/api.exception';
import { canSeeAccount, type Principal } from '../common/http/principal';
import { HfClientService } from '../hf-client/hf-client.service';
import { ActionFollowerService } from '../spaces/action-follower.service';
import { InventoryService } from '../spaces/inventory.service';
import { toRuntime } from '../spaces/space.mapper';
import type { ExternalAction } from './external-api.dto';
import { toExternalError } from './external-api-errors';

const DONE: Readonly<Record<ExternalAction, string>> = { restart: '重启成功', rebuild: '重建成功' };
const FAILED: Readonly<Record<ExternalAction, string>> = { restart: '重启失败', rebuild: '重建失败' };

/** A key limited to some accounts is answered about their Spaces only (403, in the original's bilingual style). */
function checkScope(principal: Principal, owner: string): void {
  if (!canSeeAccount(principal, owner)) {
    throw new ApiException(403, ERROR_CODES.outOfScope, `此密钥无权访问 ${owner} 的实例（This key is limited to other accounts）`);
  }
}

/**
 * The original's external API: the caller's own HF token, given in the path, is used for
 * the Hub calls. Actions on Spaces the dashboard watches also show up live on it.
 */
@Injectable()
export class ExternalApiService {
  constructor(
    private readonly hf: HfClientService,
    private readonly inventory: InventoryService,
    private readonly follower: ActionFollowerService,
  ) {}

  /** A key limited to some accounts lists only their Spaces. */
  async list(token: string, principal: Principal): Promise<ExternalSpaceListResponse> {
    try {
      const user = await this.hf.whoami(token);
      const spaces = (await this.hf.listSpaces(user.name, token)).map((space) => space.id).filter((id) => canSeeAccount(principal, id.split('/')[0]));
      return { spaces, total: spaces.length };
    } catch (error) {
      throw toExternalError(error, '获取实例列表失败');
    }
  }

  async info(token: string, owner: string, name: string, principal: Principal): Promise<ExternalSpaceInfoResponse> {
    checkScope(principal, owner);
    try {
      const space = await this.hf.spaceInfo(`${owner}/${name}`, token);
      return {
        id: space.id,
        // The original's code answers the Hub's stage as it is (`RUNNING`), not its README's `running`.
        status: space.runtime?.stage || 'unknown',
        last_modified: space.lastModified ?? null,
        created_at: space.createdAt ?? null,
        sdk: space.sdk ?? null,
        tags: space.tags ?? [],
        private: space.private ?? false,
      };
    } catch (error) {
      throw toExternalError(error, '获取实例信息失败');
    }
  }

  async act(token: string, owner: string, name: string, action: ExternalAction, principal: Principal): Promise<ExternalActionResponse> {
    checkScope(principal, owner);
    const id = this.inventory.find(`${owner}/${name}`)?.id ?? `${owner}/${name}`;
    try {
      const runtime = await this.hf.restart(id, token, { factory: action === 'rebuild' });
      this.inventory.applyRuntime(id, toRuntime(runtime), 'action', 'api-key');
      if (this.inventory.find(id)) this.follower.follow(id, token, 'api-key');
      return { success: true, message: `Space ${id} ${DONE[action]}` };
    } catch (error) {
      throw toExternalError(error, FAILED[action]);
    }
  }
}
