import { TestBed } from '@angular/core/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { API_ROUTES, type AppConfigResponse } from '@hfd/contracts';
import { ConfigStore } from '../../../core/config/config.store';
import type { AppLang } from '../../../core/i18n/app-lang';
import { provideTestDefaults } from '../../../../testing/test-providers';
import { EphemeralStorageNoticeComponent } from './ephemeral-storage-notice.component';

const CONFIG: AppConfigResponse = {
  accounts: [],
  showPrivate: false,
  demo: false,
  version: '1.0.0',
  refreshIntervalSeconds: 30,
  singleSignOn: false,
  storage: { kind: 'sqlite', ephemeral: false },
};

describe('EphemeralStorageNoticeComponent', () => {
  async function render(storage: AppConfigResponse['storage'], lang: AppLang = 'en'): Promise<HTMLElement> {
    TestBed.configureTestingModule({ providers: provideTestDefaults(lang) });
    TestBed.inject(ConfigStore).load();
    TestBed.inject(HttpTestingController).expectOne(API_ROUTES.config).flush({ ...CONFIG, storage });
    const fixture = TestBed.createComponent(EphemeralStorageNoticeComponent);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('warns, and names DATABASE_URL, when the server runs on SQLite on a disk a restart wipes', async () => {
    const element = await render({ kind: 'sqlite', ephemeral: true });
    const notice = element.querySelector('[data-testid="ephemeral-storage-notice"]');
    expect(notice?.textContent).toContain('This Space forgets its data when it restarts.');
    expect(notice?.textContent).toContain('DATABASE_URL');
  });

  it('says it in Chinese too', async () => {
    const element = await render({ kind: 'sqlite', ephemeral: true }, 'zh-CN');
    expect(element.querySelector('[data-testid="ephemeral-storage-notice"]')?.textContent).toContain('此 Space 重启后会丢失数据。');
  });

  it.each([
    { kind: 'sqlite', ephemeral: false },
    { kind: 'postgres', ephemeral: false },
  ] as const)('says nothing when the data is kept ($kind)', async (storage) => {
    const element = await render(storage);
    expect(element.querySelector('[data-testid="ephemeral-storage-notice"]')).toBeNull();
  });
});
