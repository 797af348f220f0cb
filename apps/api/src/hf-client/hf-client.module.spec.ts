import { Test, type TestingModule } from '@nestjs/testing';
import type { HubEmulator } from '@hfd/hub-emulator';
import { lastValueFrom, toArray } from 'rxjs';
import { AppConfigModule } from '../config/app-config.module';
import { HubTarget } from '../hub-target/hub-target';
import { HF_CLIENT_OPTIONS, type HfClientOptions } from './hf-client.options';
import { HfClientModule } from './hf-client.module';
import { HfClientService } from './hf-client.service';
import { TOKENS, captureLogs, startTestHub } from './testing/hub-test-kit';

/** HfClientModule wired as the app wires it: validated config and a HubTarget from global modules. */
describe('HfClientModule', () => {
  const logs = captureLogs();
  let hub: HubEmulator;
  let moduleRef: TestingModule;

  beforeAll(async () => {
    hub = await startTestHub();
    const target: HubTarget = { hubEndpoint: hub.url, spacesEndpoint: hub.url, accounts: [], demo: false };
    moduleRef = await Test.createTestingModule({
      imports: [
        AppConfigModule.forRoot({ HUB_TIMEOUT: '3s' }),
        { module: class HubTargetTestModule {}, global: true, providers: [{ provide: HubTarget, useValue: target }], exports: [HubTarget] },
        HfClientModule,
      ],
    }).compile();
  });

  afterAll(async () => {
    await hub.close();
    logs.restore();
  });

  it('builds its options from HUB_TIMEOUT and the HubTarget', () => {
    const options = moduleRef.get<HfClientOptions>(HF_CLIENT_OPTIONS);
    expect(options).toMatchObject({ hubEndpoint: hub.url, spacesEndpoint: hub.url, timeoutMs: 3000 });
  });

  it('provides a service that reaches the Hub, and completes requests$ on shutdown', async () => {
    const client = moduleRef.get(HfClientService);
    const events = lastValueFrom(client.requests$.pipe(toArray()));
    await expect(client.whoami(TOKENS.aliceWrite)).resolves.toMatchObject({ name: 'alice' });
    await moduleRef.close();
    await expect(events).resolves.toEqual([expect.objectContaining({ route: 'GET /api/whoami-v2', status: 200 })]);
  });
});
