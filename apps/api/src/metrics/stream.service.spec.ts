import type { MessageEvent } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { InventoryService } from '../spaces/inventory.service';
import { eventually, startE2e, type E2eContext } from '../testing/e2e/e2e-harness';
import { StreamService } from './stream.service';

/** What viewers of /api/v1/stream share, through the real application and the hub emulator. */
describe('StreamService: events shared by viewers', () => {
  let context: E2eContext;
  let streams: StreamService;
  let inventory: InventoryService;
  const subscriptions: Subscription[] = [];

  function viewer(only: ReadonlySet<string> | null = null): MessageEvent[] {
    const events: MessageEvent[] = [];
    subscriptions.push(streams.connect(null, only).subscribe((event) => events.push(event)));
    return events;
  }
  const ofType = (events: MessageEvent[], type: string) => events.filter((event) => event.type === type);

  beforeAll(async () => {
    context = await startE2e();
    streams = context.app.get(StreamService);
    inventory = context.app.get(InventoryService);
    await eventually(() => inventory.current.fetchedAt !== null);
  });

  afterEach(() => {
    for (const subscription of subscriptions.splice(0)) subscription.unsubscribe();
    jest.restoreAllMocks();
  });

  afterAll(() => context.close());

  it('gives every viewer of the whole inventory the same event object, so it is serialized once', () => {
    const viewers = Array.from({ length: 20 }, () => viewer());
    const first = ofType(viewers[0], 'inventory')[0];
    expect(first).toBeDefined();
    for (const events of viewers) expect(ofType(events, 'inventory')[0]).toBe(first);
  });

  it('makes a new one when the inventory changes, shared again', async () => {
    const viewers = Array.from({ length: 5 }, () => viewer());
    const before = ofType(viewers[0], 'inventory')[0];
    context.emulator.control.setStage('user1/space3', 'PAUSED');
    await inventory.refresh();
    await eventually(() => viewers.every((events) => ofType(events, 'inventory').length === 2));
    const after = ofType(viewers[0], 'inventory')[1];
    expect(after).not.toBe(before);
    for (const events of viewers) expect(ofType(events, 'inventory')[1]).toBe(after);
  });

  it('keeps a shared event for at most a second, so a viewer who connects later gets a current age', () => {
    const early = viewer();
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + 1500);
    const late = viewer();
    const [earlyEvent, lateEvent] = [ofType(early, 'inventory')[0], ofType(late, 'inventory')[0]];
    expect(lateEvent).not.toBe(earlyEvent);
    expect(lateEvent.data).toEqual(expect.objectContaining({ spaces: (earlyEvent.data as { spaces: unknown[] }).spaces }));
  });

  it('gives a narrowed viewer its own inventory event, with only its Spaces', () => {
    const whole = viewer();
    const narrowed = viewer(new Set(['user1/space1']));
    const event = ofType(narrowed, 'inventory')[0];
    expect(event).not.toBe(ofType(whole, 'inventory')[0]);
    expect((event.data as { spaces: Array<{ id: string }> }).spaces.map((space) => space.id)).toEqual(['user1/space1']);
  });

  it('gives every viewer of a status change the same event object', () => {
    const viewers = [viewer(), viewer(), viewer()];
    const space = inventory.find('org1/org-app');
    if (!space?.runtime) throw new Error('org1/org-app is not in the inventory');
    inventory.applyRuntime(space.id, { ...space.runtime, stage: 'APP_STARTING' }, 'action');
    const first = ofType(viewers[0], 'status')[0];
    expect(first).toBeDefined();
    for (const events of viewers) expect(ofType(events, 'status')[0]).toBe(first);
  });
});
