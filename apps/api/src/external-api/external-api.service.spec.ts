import type { HfClientService } from '../hf-client/hf-client.service';
import type { HubSpace } from '../hf-client/hf-api.types';
import type { ActionFollowerService } from '../spaces/action-follower.service';
import type { InventoryService } from '../spaces/inventory.service';
import type { Principal } from '../common/http/principal';
import { ExternalApiService } from './external-api.service';

const ADMIN_KEY: Principal = { kind: 'apiKey', name: 'API_KEY', keyId: null, role: 'admin', accounts: null, expiresAt: null };

describe('ExternalApiService.info', () => {
  function serviceAnswering(space: HubSpace): ExternalApiService {
    const hf = { spaceInfo: jest.fn().mockResolvedValue(space) } as unknown as HfClientService;
    return new ExternalApiService(hf, {} as InventoryService, {} as ActionFollowerService);
  }

  it.each(['RUNNING', 'SLEEPING', 'RUNTIME_ERROR', 'BUILD_ERROR'] as const)('answers the stage %s unchanged, as the original’s code does', async (stage) => {
    const answer = await serviceAnswering({ id: 'user1/space1', runtime: { stage } }).info('hf_token', 'user1', 'space1', ADMIN_KEY);
    expect(answer.status).toBe(stage);
  });

  it('answers unknown for a Space without a runtime, and nulls for what the Hub left out', async () => {
    expect(await serviceAnswering({ id: 'user1/space1' }).info('hf_token', 'user1', 'space1', ADMIN_KEY)).toEqual({
      id: 'user1/space1',
      status: 'unknown',
      last_modified: null,
      created_at: null,
      sdk: null,
      tags: [],
      private: false,
    });
  });
});
