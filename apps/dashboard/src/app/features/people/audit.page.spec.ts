import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { API_ROUTES, type AuditEntry, type AuditPage } from '@hfd/contracts';
import { provideTestDefaults } from '../../../testing/test-providers';
import { STORAGE_KEYS } from '../../core/storage/browser-storage';
import { AuditPageComponent } from './audit.page';

function entry(id: string, actor: string): AuditEntry {
  return {
    id,
    at: '2026-01-02T03:04:05.000Z',
    kind: 'space.action',
    actorType: 'apiKey',
    actor,
    target: 'alice/app',
    spaceId: 'alice/app',
    result: 'success',
    detail: 'restart',
    address: '127.0.0.1',
    durationMs: 12,
    requestId: 'r',
  };
}

describe('AuditPageComponent', () => {
  let fixture: ComponentFixture<AuditPageComponent>;
  let backend: HttpTestingController;

  async function render(role: 'viewer' | 'operator' | 'admin'): Promise<HTMLElement> {
    localStorage.setItem(STORAGE_KEYS.session, JSON.stringify({ token: 'jwt', username: 'ann', expiresAt: Date.now() + 60_000, role, accounts: null }));
    TestBed.configureTestingModule({ providers: provideTestDefaults() });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AuditPageComponent);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const rows = (element: HTMLElement): string[] =>
    Array.from(element.querySelectorAll('[data-testid="audit-row"]')).map((row) => row.getAttribute('data-actor') ?? '');

  beforeEach(() => localStorage.clear());
  afterEach(() => backend.verify());

  it('pages by cursor: "Load more" asks for the next page with the same filters and appends it', async () => {
    const element = await render('admin');
    const first = backend.expectOne((request) => request.url === API_ROUTES.audit);
    expect(first.request.headers.get('Authorization')).toBe('Bearer jwt');
    first.flush({ entries: [entry('1', 'ci')], nextCursor: 'c1' } satisfies AuditPage);
    await fixture.whenStable();
    expect(rows(element)).toEqual(['ci']);

    element.querySelector<HTMLButtonElement>('[data-testid="audit-more"]')?.click();
    const next = backend.expectOne((request) => request.url === API_ROUTES.audit);
    expect(next.request.params.get('cursor')).toBe('c1');
    next.flush({ entries: [entry('2', 'bot')], nextCursor: null } satisfies AuditPage);
    await fixture.whenStable();
    expect(rows(element)).toEqual(['ci', 'bot']);
    expect(element.querySelector('[data-testid="audit-more"]')).toBeNull();
  });

  it('sends the filters, and fetches the CSV with the session header, never a token in its URL', async () => {
    const element = await render('admin');
    backend.expectOne((request) => request.url === API_ROUTES.audit).flush({ entries: [], nextCursor: null });
    const actor = element.querySelector<HTMLInputElement>('[data-testid="audit-actor"]');
    if (!actor) throw new Error('no actor field');
    actor.value = ' ci ';
    actor.dispatchEvent(new Event('input'));
    element.querySelector<HTMLButtonElement>('[data-testid="audit-search"]')?.click();
    const search = backend.expectOne((request) => request.url === API_ROUTES.audit);
    expect(search.request.params.get('actor')).toBe('ci');
    search.flush({ entries: [], nextCursor: null });

    URL.createObjectURL = jest.fn(() => 'blob:csv');
    URL.revokeObjectURL = jest.fn();
    const save = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    element.querySelector<HTMLButtonElement>('[data-testid="audit-csv"]')?.click();
    const csv = backend.expectOne((request) => request.url === API_ROUTES.auditCsv);
    expect(csv.request.headers.get('Authorization')).toBe('Bearer jwt');
    expect(csv.request.urlWithParams).toBe(`${API_ROUTES.auditCsv}?actor=ci`);
    csv.flush(new Blob(['at,kind\n']));
    expect(URL.createObjectURL).toHaveBeenCalled();
    expect(save).toHaveBeenCalled();
    save.mockRestore();
  });

  it('tells an operator they see their own entries, and a viewer that the page is not theirs', async () => {
    const element = await render('operator');
    backend.expectOne((request) => request.url === API_ROUTES.audit).flush({ entries: [], nextCursor: null });
    expect(element.querySelector('[data-testid="audit-own-only"]')).not.toBeNull();
    TestBed.resetTestingModule();
    const viewer = await render('viewer');
    expect(viewer.querySelector('[data-testid="not-allowed"]')?.textContent).toContain('Only operators and admins');
  });
});
