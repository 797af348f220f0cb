import { Injectable } from '@nestjs/common';
import { InventoryViews } from './inventory-views';
import type { InventorySnapshot } from './inventory.types';
import { ListBody } from './list-body';

/** What a reader of the list may see; one body is kept per view. Account scopes will add theirs. */
export type ListView = 'anonymous' | 'full';

interface Kept {
  version: number;
  stale: boolean;
  body: ListBody;
}

/**
 * The current list body of each view, built when the first reader after a change asks for it.
 * Staleness is part of the key as well as the inventory's version: it turns on with time alone
 * when refreshes stop landing, and the answer must say so at once.
 */
@Injectable()
export class ListBodies {
  private readonly kept = new Map<ListView, Kept>();

  constructor(private readonly views: InventoryViews) {}

  get(snapshot: InventorySnapshot, seesPrivate: boolean, now = Date.now()): ListBody {
    const view: ListView = seesPrivate ? 'full' : 'anonymous';
    const stale = this.views.isStale(snapshot, now);
    const kept = this.kept.get(view);
    if (kept !== undefined && kept.version === snapshot.version && kept.stale === stale) return kept.body;
    const body = ListBody.of(this.views.list(snapshot, seesPrivate, undefined, now));
    this.kept.set(view, { version: snapshot.version, stale, body });
    return body;
  }
}
