import { Injectable } from '@nestjs/common';
import type { SessionEndedEvent } from '@hfd/contracts';
import { Subject, type Observable } from 'rxjs';
import type { Principal } from '../common/http/principal';

/** A session, every session of a user, or a named key that stopped being valid. */
export type SessionEnd =
  | { kind: 'session'; jti: string; reason: SessionEndedEvent['reason'] }
  | { kind: 'user'; userId: string; reason: SessionEndedEvent['reason'] }
  | { kind: 'apiKey'; keyId: string; reason: SessionEndedEvent['reason'] };

/** Whether `end` ends what `principal` was admitted as. */
export function ends(end: SessionEnd, principal: Principal): boolean {
  switch (end.kind) {
    case 'session':
      return principal.kind === 'session' && principal.jti === end.jti;
    case 'user':
      return principal.kind === 'session' && principal.userId === end.userId;
    case 'apiKey':
      return principal.kind === 'apiKey' && principal.keyId === end.keyId;
  }
}

/**
 * Sessions and keys ending, told to what outlives a request: an open event stream must stop
 * delivering private Spaces the moment its session is logged out, revoked, or its user
 * disabled. In this process; with several replicas this is what Redis would relay.
 */
@Injectable()
export class SessionEvents {
  private readonly subject = new Subject<SessionEnd>();
  readonly ended$: Observable<SessionEnd> = this.subject.asObservable();

  emit(end: SessionEnd): void {
    this.subject.next(end);
  }
}
