import { Injectable } from '@nestjs/common';
import { InventoryViews } from './inventory-views';
import type { Visibility } from './visibility';
import type { InventorySnapshot } from './inventory.types';
import { ListBody } from './list-body';


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
  /** By Visibility.key: anonymous, full, and one per account scope in use. */
  private readonly kept = new Map<string, Kept>();

  constructor(private readonly views: InventoryViews) {}

  get(snapshot: InventorySnapshot, visibility: Visibility, now = Date.now()): ListBody {
    const view = visibility.key;
    const stale = this.views.isStale(snapshot, now);
    const kept = this.kept.get(view);
    if (kept !== undefined && kept.version === snapshot.version && kept.stale === stale) return kept.body;
    const body = ListBody.of(this.views.list(snapshot, visibility, undefined, now));
    this.kept.set(view, { version: snapshot.version, stale, body });
    return body;
  }
}
