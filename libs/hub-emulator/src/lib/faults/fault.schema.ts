import { z } from 'zod';
import { RateLimitSchema, StageSchema } from '../scenario/scenario.schema';
import { HUB_ROUTE_NAMES } from '../routes/route-names';

const RouteNameSchema = z.enum([...HUB_ROUTE_NAMES, 'unknown']);
const StreamKindSchema = z.enum(['metrics', 'status', 'logs']);

export const LatencyFaultSchema = z.strictObject({
  ms: z.number().int().min(0),
  /** Up to this much more, drawn per request from the seeded PRNG. */
  jitterMs: z.number().int().min(0).default(0),
  /** Only these routes; all Hub routes when absent. */
  routes: z.array(RouteNameSchema).optional(),
});

export const ErrorFaultSchema = z.strictObject({
  /** A route name, or `*` for every Hub route. */
  route: z.union([RouteNameSchema, z.literal('*')]).default('*'),
  method: z
    .string()
    .regex(/^[A-Za-z]+$/)
    .transform((m) => m.toUpperCase())
    .optional(),
  status: z.number().int().min(400).max(599),
  /** Fail this many matching requests, then stop; every one until cleared when absent. */
  times: z.number().int().min(1).optional(),
  /** Fail this share (0..1) of matching requests, drawn from the seeded PRNG. */
  share: z.number().min(0).max(1).optional(),
  /** `html` is CloudFront's error page; the default for 500/502/503/504, JSON otherwise. */
  body: z.enum(['json', 'html']).optional(),
  message: z.string().min(1).optional(),
});

export const StreamFaultSchema = z
  .strictObject({
    kind: StreamKindSchema.optional(),
    spaceId: z.string().optional(),
    /** Destroy the connection after this many events. */
    dropAfterEvents: z.number().int().min(1).optional(),
    /** Send invalid JSON in `data:` on every Nth event (JSON streams: metrics and logs). */
    malformedEvery: z.number().int().min(1).optional(),
  })
  .refine((f) => f.dropAfterEvents !== undefined || f.malformedEvery !== undefined, {
    message: 'Give dropAfterEvents and/or malformedEvery',
  });

export const DownFaultSchema = z.strictObject({
  /** `reset`: connections are destroyed; `503`: CloudFront's 503 page for everything. */
  mode: z.enum(['reset', '503']).default('503'),
});

export const RateLimitPatchSchema = RateLimitSchema.partial();

export const SetStageSchema = z.strictObject({
  stage: StageSchema,
  errorMessage: z.string().min(1).optional(),
});

export type LatencyFault = z.output<typeof LatencyFaultSchema>;
export type LatencyFaultInput = z.input<typeof LatencyFaultSchema>;
export type ErrorFault = z.output<typeof ErrorFaultSchema>;
export type ErrorFaultInput = z.input<typeof ErrorFaultSchema>;
export type StreamFault = z.output<typeof StreamFaultSchema>;
export type DownMode = z.output<typeof DownFaultSchema>['mode'];
