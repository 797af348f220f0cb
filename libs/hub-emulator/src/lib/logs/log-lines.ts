import type { Prng } from '../random/prng';
import type { SpaceRecord } from '../state/space-record';

/** `2025-05-22 10:11:12`, the format of the Hub's log banners. */
function banner(at: Date): string {
  return at.toISOString().slice(0, 19).replace('T', ' ');
}

/** The lines of one image build, in order; the last ones are written as the build ends. */
export function buildLines(space: SpaceRecord, factory: boolean, at: Date): string[] {
  const cache = factory ? 'Factory rebuild: build cache disabled' : 'Using build cache';
  const head = [`===== Build Queued at ${banner(at)} / Commit SHA: ${space.sha.slice(0, 7)} =====`, '', cache];
  if (space.def.sdk === 'docker') {
    return [
      ...head,
      '--> FROM docker.io/library/python:3.11-slim',
      'DONE 0.0s',
      '--> WORKDIR /app',
      'DONE 0.0s',
      '--> COPY requirements.txt .',
      'DONE 0.1s',
      '--> RUN pip install --no-cache-dir -r requirements.txt',
      factory ? 'Collecting fastapi==0.115.6' : 'CACHED',
      'DONE 14.2s',
      '--> COPY . .',
      'DONE 0.2s',
      '--> Pushing image',
      'DONE 3.1s',
    ];
  }
  const version = space.def.cardData.sdk_version ?? '5.9.1';
  return [
    ...head,
    '--> FROM docker.io/library/python:3.10',
    'DONE 0.0s',
    `--> RUN pip install --no-cache-dir gradio[oauth]==${version} "uvicorn>=0.14.0" spaces`,
    factory ? `Collecting gradio==${version}` : 'CACHED',
    'DONE 21.7s',
    '--> RUN pip install --no-cache-dir -r requirements.txt',
    factory ? 'Successfully installed requirements' : 'CACHED',
    'DONE 9.8s',
    '--> COPY --chown=1000:1000 . /home/user/app',
    'DONE 0.1s',
    '--> Pushing image',
    'DONE 2.6s',
  ];
}

/** The Hub's banner at the top of a new container's run log. */
export function startupBanner(at: Date): string[] {
  return [`===== Application Startup at ${banner(at)} =====`, ''];
}

/** What the app prints once it listens. */
export function appReadyLines(space: SpaceRecord): string[] {
  if (space.def.sdk === 'docker') {
    const port = space.def.cardData.app_port ?? 7860;
    return [
      'INFO:     Started server process [1]',
      'INFO:     Waiting for application startup.',
      'INFO:     Application startup complete.',
      `INFO:     Uvicorn running on http://0.0.0.0:${port} (Press CTRL+C to quit)`,
    ];
  }
  return ['* Running on local URL:  http://0.0.0.0:7860', '', 'To create a public link, set `share=True` in `launch()`.'];
}

const PATHS = ['/', '/gradio_api/queue/join', '/gradio_api/info', '/health', '/api/predict', '/assets/index.js'];
const METHODS = ['GET', 'GET', 'GET', 'POST'];

/** One access-log line, as a busy app prints while it serves. */
export function requestLine(prng: Prng): string {
  const ip = `10.${prng.int(16, 31)}.${prng.int(0, 255)}.${prng.int(1, 254)}`;
  const status = prng.chance(0.95) ? '200 OK' : '404 Not Found';
  return `INFO:     ${ip}:${prng.int(30000, 60000)} - "${prng.pick(METHODS)} ${prng.pick(PATHS)} HTTP/1.1" ${status}`;
}
