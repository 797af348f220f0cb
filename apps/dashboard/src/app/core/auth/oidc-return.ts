import { DOCUMENT, inject } from '@angular/core';
import { ERROR_CODES, OIDC_RETURN_QUERY } from '@hfd/contracts';
import { TranslocoService } from '@jsverse/transloco';
import { take } from 'rxjs';
import { Notifier } from '../notify/notifier.service';
import { SessionStore } from './session.store';

/** The codes the callback may answer with; anything else reads as a provider failure. */
const OIDC_ERRORS = ['OIDC_STATE', 'OIDC_PROVIDER', 'OIDC_NO_ROLE', 'OIDC_NAME_TAKEN', 'OIDC_DISABLED_USER'];

/**
 * The way back from single sign-on: `?oidcTicket=` is exchanged for the session, `?oidcError=`
 * is said. Both leave the address bar before anything else reads it, so the one-time ticket is
 * neither bookmarked nor kept in the history.
 */
export function handleOidcReturn(): void {
  const win = inject(DOCUMENT).defaultView;
  if (!win) return;
  const url = new URL(win.location.href);
  const ticket = url.searchParams.get(OIDC_RETURN_QUERY.ticket);
  const error = url.searchParams.get(OIDC_RETURN_QUERY.error);
  if (ticket === null && error === null) return;
  url.searchParams.delete(OIDC_RETURN_QUERY.ticket);
  url.searchParams.delete(OIDC_RETURN_QUERY.error);
  win.history.replaceState(win.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  const notifier = inject(Notifier);
  if (error !== null) {
    // Said once the dictionary is there: this runs before the first render.
    const key = `sso.errors.${OIDC_ERRORS.includes(error) ? error : 'OIDC_PROVIDER'}`;
    inject(TranslocoService).selectTranslation().pipe(take(1)).subscribe(() => notifier.error(key));
    return;
  }
  if (!ticket) return;
  inject(SessionStore)
    .exchangeTicket(ticket)
    .subscribe({
      next: (response) => notifier.info('auth.loggedIn', { username: response.username }),
      error: () => notifier.error(`sso.errors.${ERROR_CODES.invalidCredentials}`),
    });
}
