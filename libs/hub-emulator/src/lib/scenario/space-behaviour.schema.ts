import { z } from 'zod';
import { ERROR_STAGES, SPACE_STAGES } from '../hub/stages';
import { DurationOrNeverSchema, DurationSchema } from './duration';

export const StageSchema = z.enum(SPACE_STAGES);

/**
 * What a Space's app answers at `/_apps/{subdomain}/…` while it serves (invented for
 * tests: the Hub has no such setting). Every path of the app answers the same.
 */
export const AppAnswerSchema = z.strictObject({
  status: z.number().int().min(200).max(599).default(200),
  /** Wait this long (real time, not the Hub's scaled time) before answering. */
  latencyMs: z.number().int().min(0).max(600_000).default(0),
  /** Default: a small HTML page naming the Space. */
  body: z.string().max(1_000_000).optional(),
  contentType: z.string().min(1).default('text/html; charset=utf-8'),
  /** Never answer: the caller's timeout is what ends the request. */
  hang: z.boolean().default(false),
});

const ERROR_STAGE_LIST = [...ERROR_STAGES].join(', ');

const ScriptStepSchema = z
  .strictObject({
    /** When, from the script's start: the emulator's start for a scenario's script, the control call for one started at run time. */
    at: DurationSchema,
    stage: StageSchema.optional(),
    errorMessage: z.string().min(1).optional(),
    /** Replaces what the app answers from this step on. */
    app: AppAnswerSchema.optional(),
  })
  .superRefine((step, ctx) => {
    if (step.stage === undefined && step.app === undefined) {
      ctx.addIssue({ code: 'custom', message: 'A step sets "stage", "app" or both' });
    }
    if (step.errorMessage !== undefined && (step.stage === undefined || !ERROR_STAGES.has(step.stage))) {
      ctx.addIssue({ code: 'custom', path: ['errorMessage'], message: `Only a step into an error stage (${ERROR_STAGE_LIST}) takes an errorMessage` });
    }
  });

/** Timed stage (and app) changes, in time order; each stage holds until the next step or an action moves the Space. */
export const ScriptSchema = z.array(ScriptStepSchema).superRefine((steps, ctx) => {
  steps.forEach((step, index) => {
    const before = steps[index - 1];
    if (before && step.at < before.at) {
      ctx.addIssue({ code: 'custom', path: [index, 'at'], message: `Steps must be in time order: this one comes before step ${index - 1}` });
    }
  });
});

/** The Space crashes into RUNTIME_ERROR `after` each time it reaches RUNNING, `crashes` times (every time when absent). */
export const CrashLoopSchema = z.strictObject({
  after: DurationSchema,
  crashes: z.number().int().min(1).optional(),
  /** A factory rebuild (`restart?factory=true`) ends the loop. */
  healedByRebuild: z.boolean().default(false),
  errorMessage: z.string().min(1).optional(),
});

/** The Space's builds take `duration` (over the stage timings), or never end; only the next `builds` builds when given. */
export const StuckBuildSchema = z.strictObject({
  duration: DurationOrNeverSchema,
  builds: z.number().int().min(1).optional(),
});

export type AppAnswer = z.output<typeof AppAnswerSchema>;
export type AppAnswerInput = z.input<typeof AppAnswerSchema>;
export type ScriptStep = z.output<typeof ScriptStepSchema>;
export type ScriptStepInput = z.input<typeof ScriptStepSchema>;
export type CrashLoop = z.output<typeof CrashLoopSchema>;
export type CrashLoopInput = z.input<typeof CrashLoopSchema>;
export type StuckBuild = z.output<typeof StuckBuildSchema>;
export type StuckBuildInput = z.input<typeof StuckBuildSchema>;
