import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { ScenarioSchema, type Scenario } from './scenario.schema';

/** A scenario that failed validation; `issues` name each bad path, e.g. `spaces[3].sdk`. */
export class ScenarioError extends Error {
  constructor(
    readonly source: string,
    readonly issues: readonly string[],
  ) {
    super(`Invalid scenario (${source}):\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'ScenarioError';
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

function formatIssue(issue: z.core.$ZodIssue): string {
  return `${formatPath(issue.path)}: ${issue.message}`;
}

/** Validates a scenario object; throws a ScenarioError naming every bad path. */
export function parseScenario(input: unknown, source = 'object'): Scenario {
  const result = ScenarioSchema.safeParse(input);
  if (!result.success) throw new ScenarioError(source, result.error.issues.map(formatIssue));
  return result.data;
}

/** Reads and validates a scenario JSON file, or validates an object. */
export function loadScenario(pathOrObject: string | unknown): Scenario {
  if (typeof pathOrObject !== 'string') return parseScenario(pathOrObject);
  let text: string;
  try {
    text = readFileSync(pathOrObject, 'utf8');
  } catch (error) {
    throw new ScenarioError(pathOrObject, [`cannot read the file: ${(error as Error).message}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError(pathOrObject, [`not valid JSON: ${(error as Error).message}`]);
  }
  return parseScenario(json, pathOrObject);
}
