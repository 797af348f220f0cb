import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from '@hfd/test-support';

export const DOCKER_DIR = join(WORKSPACE_ROOT, 'docker');
const DOCKERFILE = join(DOCKER_DIR, 'Dockerfile');
const COMPOSE_FILE = join(DOCKER_DIR, 'docker-compose.yml');
const ENV_EXAMPLE = join(DOCKER_DIR, '.env.example');
/** Read as text only (never imported): the list of configuration variables. */
const ENV_SCHEMA_SOURCE = join(WORKSPACE_ROOT, 'apps/api/src/config/env.schema.ts');

export interface Instruction {
  /** Upper case: FROM, RUN, COPY, ... */
  keyword: string;
  args: string;
}

export interface Stage {
  from: string;
  name: string | null;
  instructions: Instruction[];
}

/** The Dockerfile as stages of instructions: comments dropped, continuation lines joined. */
export function dockerfileStages(text = readFileSync(DOCKERFILE, 'utf8')): Stage[] {
  const logical = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const stages: Stage[] = [];
  for (const line of logical) {
    const [keyword, ...rest] = line.split(/\s+/);
    const instruction = { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    if (instruction.keyword === 'FROM') {
      const match = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args);
      stages.push({ from: match?.[1] ?? instruction.args, name: match?.[2] ?? null, instructions: [] });
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push(instruction);
    }
  }
  return stages;
}

/** The default value of a global `ARG NAME=value` (used in FROM lines). */
export function dockerfileArg(name: string, text = readFileSync(DOCKERFILE, 'utf8')): string | undefined {
  return new RegExp(`^ARG\\s+${name}=(\\S+)`, 'm').exec(text)?.[1];
}

/** The argv of the image's HEALTHCHECK (exec form). */
export function dockerHealthcheck(): string[] {
  const stages = dockerfileStages();
  const healthcheck = stages[stages.length - 1].instructions.find((instruction) => instruction.keyword === 'HEALTHCHECK');
  const json = /\bCMD\s+(\[.*\])\s*$/.exec(healthcheck?.args ?? '')?.[1];
  if (!json) throw new Error('No exec-form HEALTHCHECK CMD in the final stage of docker/Dockerfile');
  return JSON.parse(json) as string[];
}

export function composeText(): string {
  return readFileSync(COMPOSE_FILE, 'utf8');
}

/** The argv of the compose healthcheck (`test: ["CMD", ...]`, a flow sequence that is also JSON). */
export function composeHealthcheck(): string[] {
  const json = /^\s*test:\s*(\[.*\])\s*$/m.exec(composeText())?.[1];
  if (!json) throw new Error('No `test: [...]` healthcheck in docker/docker-compose.yml');
  const [form, ...argv] = JSON.parse(json) as string[];
  if (form !== 'CMD') throw new Error(`The compose healthcheck should use the exec form "CMD", not ${form}`);
  return argv;
}

export interface EnvExampleEntry {
  name: string;
  value: string;
  /** False when the line is commented out (an optional variable, shown with its default). */
  active: boolean;
  /** The comment lines right above it. */
  comment: string;
}

/** Every `NAME=value` of docker/.env.example, commented out or not. */
export function envExample(text = readFileSync(ENV_EXAMPLE, 'utf8')): EnvExampleEntry[] {
  const entries: EnvExampleEntry[] = [];
  let comment: string[] = [];
  for (const line of text.split('\n')) {
    const match = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match) {
      entries.push({ name: match[2], value: match[3], active: match[1] === undefined, comment: comment.join(' ') });
      comment = [];
    } else if (line.trim().startsWith('#')) {
      comment.push(line.trim().replace(/^#\s?/, ''));
    } else {
      comment = [];
    }
  }
  return entries;
}

/** The variables the API validates, read from the schema's source (`NAME:` keys of envSchema). */
export function configurationVariables(): string[] {
  const source = readFileSync(ENV_SCHEMA_SOURCE, 'utf8');
  const body = /export const envSchema = z\.object\(\{([\s\S]*?)\n\}\);/.exec(source)?.[1];
  if (!body) throw new Error('envSchema not found in apps/api/src/config/env.schema.ts');
  return [...body.matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((match) => match[1]);
}
