import { join, resolve } from 'node:path';

/** The repository root: the Docker build context. */
export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');
/** `npm run build` writes here; the image is assembled from it. */
export const DIST = join(WORKSPACE_ROOT, 'dist');
export const DOCKER_DIR = join(WORKSPACE_ROOT, 'docker');
/** The recipe both docker/Dockerfile and these tests run. */
export const ASSEMBLE_SCRIPT = join(DOCKER_DIR, 'assemble-runtime.sh');
export const DOCKERFILE = join(DOCKER_DIR, 'Dockerfile');
export const COMPOSE_FILE = join(DOCKER_DIR, 'docker-compose.yml');
export const ENV_EXAMPLE = join(DOCKER_DIR, '.env.example');
export const DOCKERIGNORE = join(WORKSPACE_ROOT, '.dockerignore');
/** Read as text only (never imported): the list of configuration variables. */
export const ENV_SCHEMA_SOURCE = join(WORKSPACE_ROOT, 'apps/api/src/config/env.schema.ts');
