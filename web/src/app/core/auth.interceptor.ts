import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { AuthService } from './auth.service';
import { WorkspaceService } from './workspace.service';

const AUTH_ROUTES = /\/api\/v1\/auth\/(login|register|refresh|logout|password-reset)/;

/**
 * Adds the bearer token and workspace header, once any refresh under way has ended; on a 401,
 * renews the session (one refresh, shared) unless it was renewed meanwhile, and retries once.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const auth = inject(AuthService);
  const workspaces = inject(WorkspaceService);
  const router = inject(Router);
  const withHeaders = (req: HttpRequest<unknown>) => {
    const token = auth.token();
    const workspaceId = workspaces.currentId();
    let headers = req.headers;
    if (token) headers = headers.set('Authorization', `Bearer ${token}`);
    if (workspaceId && !headers.has('X-Workspace-Id')) headers = headers.set('X-Workspace-Id', workspaceId);
    return req.clone({ headers });
  };
  if (!request.url.startsWith('/api/') || AUTH_ROUTES.test(request.url)) return next(request);
  const send = () => {
    const sentWith = auth.token();
    return next(withHeaders(request)).pipe(
      catchError((error: unknown) => {
        if (!(error instanceof HttpErrorResponse) || error.status !== 401) return throwError(() => error);
        return retryAfterRenewal(sentWith, error);
      }),
    );
  };
  const retryAfterRenewal = (sentWith: string | null, error: HttpErrorResponse) =>
    from(auth.renewAfter(sentWith)).pipe(
      switchMap((ok) => {
        if (ok) return next(withHeaders(request));
        void router.navigate(['/sign-in'], { queryParams: { next: router.url } });
        return throwError(() => error);
      }),
    );
  return from(auth.settled()).pipe(switchMap(send));
};
