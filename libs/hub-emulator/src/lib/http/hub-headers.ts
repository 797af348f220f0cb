import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { contextOf } from './request-context';

/** `Root=1-<8 hex epoch seconds>-<24 hex>`, plus `;<X-Amzn-Trace-Id>` when the client sent one (docs/hub-api.md §0.4). */
export function requestId(trace: string | undefined): string {
  const seconds = Math.floor(Date.now() / 1000).toString(16).padStart(8, '0');
  const root = `Root=1-${seconds}-${randomBytes(12).toString('hex')}`;
  return trace ? `${root};${trace}` : root;
}

/** Headers the Hub puts on every response (docs/hub-api.md §0.4). */
export function hubHeaders(req: Request, res: Response, next: NextFunction): void {
  const id = requestId(req.get('X-Amzn-Trace-Id'));
  contextOf(req).requestId = id;
  res.setHeader('X-Request-Id', id);
  res.setHeader('X-Powered-By', 'huggingface-moon');
  res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Allow-Origin', 'https://huggingface.co');
  res.setHeader(
    'Access-Control-Expose-Headers',
    'X-Repo-Commit,X-Request-Id,X-Error-Code,X-Error-Message,X-Total-Count,ETag,Link,Accept-Ranges,Content-Range',
  );
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  next();
}
