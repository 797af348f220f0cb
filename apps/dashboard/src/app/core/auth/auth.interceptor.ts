import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { AUTH_HEADER } from '@hfd/contracts';
import { catchError, throwError } from 'rxjs';
import { isOwnApiUrl } from '../api/api-paths';
import { SILENT_UNAUTHORIZED } from './auth-api.service';
import { SessionStore } from './session.store';

/**
 * Adds the session token to our own API calls, and turns a 401 on such a call into a
 * read-only page with a notice: the session expired or was revoked on the server.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const session = inject(SessionStore);
  const token = session.token();
  if (!token || !isOwnApiUrl(request.url)) return next(request);

  const authorized = request.clone({ setHeaders: { [AUTH_HEADER]: `Bearer ${token}` } });
  return next(authorized).pipe(
    catchError((error: unknown) => {
      const silent = request.context.get(SILENT_UNAUTHORIZED);
      // Only if the session that was refused is still the current one (a parallel call may have ended it).
      if (error instanceof HttpErrorResponse && error.status === 401 && !silent && session.token() === token) {
        session.expire();
      }
      return throwError(() => error);
    }),
  );
};
