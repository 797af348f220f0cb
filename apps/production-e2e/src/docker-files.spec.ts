import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  composeHealthcheck,
  composeText,
  configurationVariables,
  dockerfileArg,
  dockerfileStages,
  dockerHealthcheck,
  envExample,
  type Stage,
} from './support/docker-files';
import { SERVER_NODE_OPTIONS, WORKSPACE_ROOT } from '@hfd/test-support';
import { dockerIgnores } from './support/dockerignore';

/**
 * No Docker engine runs where the tests run, so the image is never built here. These checks
 * tie the Dockerfile, the compose file and the example environment to what
 * production-runtime.spec.ts runs and tests; the build itself stays unverified.
 */
describe('docker/Dockerfile', () => {
  const stages = dockerfileStages();
  const stage = (name: string): Stage => {
    const found = stages.find((candidate) => candidate.name === name);
    if (!found) throw new Error(`No stage "${name}" in docker/Dockerfile`);
    return found;
  };
  const runtime = stages[stages.length - 1];
  const args = (current: Stage, keyword: string) => current.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);

  it('builds on Node 20, the major version package.json engines asks for, in a slim image', () => {
    const engines = (JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    expect(engines).toMatch(/^>=20\./);
    const image = dockerfileArg('NODE_IMAGE');
    expect(image).toMatch(/^node:20-[a-z0-9-]*(slim|alpine)/);
    expect(stages.map((current) => [current.name, current.from])).toEqual([
      ['toolchain', '${NODE_IMAGE}'],
      ['build', 'toolchain'],
      ['assemble', 'toolchain'],
      ['runtime', '${NODE_IMAGE}'],
    ]);
  });

  it('installs the build dependencies from the manifests alone before copying the sources (a cached layer)', () => {
    const build = stage('build');
    const order = build.instructions.map((i) => `${i.keyword} ${i.args}`);
    const manifests = order.findIndex((line) => /^COPY package\.json package-lock\.json \.\/$/.test(line));
    const install = order.findIndex((line) => /^RUN .*npm ci\b/.test(line));
    const sources = order.indexOf('COPY . .');
    const compile = order.findIndex((line) => /^RUN npm run build$/.test(line));
    expect([manifests, install, sources, compile].every((index) => index >= 0)).toBe(true);
    expect(manifests).toBeLessThan(install);
    expect(install).toBeLessThan(sources);
    expect(sources).toBeLessThan(compile);
  });

  it('assembles the runtime with docker/assemble-runtime.sh, deps then app, from dist into /out (what the production spec runs)', () => {
    const runs = args(stage('assemble'), 'RUN').filter((line) => line.includes('assemble-runtime.sh'));
    expect(runs.map((line) => line.replace(/^--mount=\S+\s+/, ''))).toEqual([
      'sh docker/assemble-runtime.sh deps dist /out',
      'sh docker/assemble-runtime.sh app dist /out',
    ]);
    // What the script reads must be copied from the build stage to the same places under dist.
    const copies = args(stage('assemble'), 'COPY');
    expect(copies).toContain('docker/assemble-runtime.sh docker/');
    expect(copies).toContain('--from=build /src/dist/apps/api/package.json /src/dist/apps/api/package-lock.json dist/apps/api/');
    expect(copies).toContain('--from=build /src/dist/apps/api dist/apps/api');
    expect(copies).toContain('--from=build /src/dist/apps/dashboard/browser dist/apps/dashboard/browser');
  });

  it('can build the native addon where the production dependencies are installed, and keeps the tools out of the runtime', () => {
    const assemble = stage('assemble');
    const install = args(assemble, 'RUN').find((line) => line.includes('apt-get install'));
    expect(install).toMatch(/apt-get install -y --no-install-recommends python3 make g\+\+/);
    expect(install).toMatch(/rm -rf \/var\/lib\/apt\/lists\/\*/);
    // node-gyp finds the image's Node headers instead of downloading them.
    expect(args(assemble, 'ENV')).toContain('npm_config_nodedir=/usr/local');
    const order = assemble.instructions.map((i) => `${i.keyword} ${i.args}`);
    expect(order.findIndex((line) => line.includes('apt-get install'))).toBeLessThan(order.findIndex((line) => line.includes('assemble-runtime.sh deps')));
    expect(runtime.instructions.some((i) => /python3|g\+\+|apt-get/.test(i.args))).toBe(false);
  });

  it('keeps its data in /data, a volume owned by the node user', () => {
    expect(args(runtime, 'ENV').join(' ')).toMatch(/\bDATA_DIR=\/data\b/);
    expect(args(stage('assemble'), 'RUN')).toContain('mkdir /data');
    expect(args(runtime, 'COPY')).toContain('--from=assemble --chown=node:node /data /data');
    expect(args(runtime, 'VOLUME')).toEqual(['["/data"]']);
  });

  it('runs main.js from /app/api as the unprivileged node user, in production mode, on port 8080', () => {
    expect(args(runtime, 'COPY')).toEqual(['--from=assemble /out /app', '--from=assemble --chown=node:node /data /data']);
    expect(args(runtime, 'WORKDIR')).toEqual(['/app/api']);
    expect(args(runtime, 'USER')).toEqual(['node']);
    expect(args(runtime, 'ENV').join(' ')).toMatch(/\bNODE_ENV=production\b/);
    expect(args(runtime, 'EXPOSE')).toEqual(['8080']);
    expect(args(runtime, 'CMD')).toEqual(['["node", "main.js"]']);
    // Nothing else reaches the final image: no sources, no npm install there.
    expect(runtime.instructions.filter((i) => i.keyword === 'RUN')).toEqual([]);
  });

  it('gives Node the options npm start and every server the tests start give it (SERVER_NODE_OPTIONS)', () => {
    const env = args(runtime, 'ENV').join(' ');
    expect(env).toContain(`NODE_OPTIONS=${SERVER_NODE_OPTIONS} `);
    const start = (JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
    expect(start).toMatch(new RegExp(`&& node ${SERVER_NODE_OPTIONS} dist/apps/api/main\\.js$`));
  });

  it('checks health with node -e and global fetch (no curl in the image)', () => {
    const [command, flag, script] = dockerHealthcheck();
    expect([command, flag]).toEqual(['node', '-e']);
    expect(script).toContain("fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/api/v1/health')");
  });
});

describe('.dockerignore', () => {
  const ignored = dockerIgnores();

  it.each(['node_modules', 'apps/api/node_modules', 'dist', 'data', 'data/secret.key', 'data/hf-dashboard.db', 'docker/test-services.yml', '.git', 'coverage', 'reports', 'tmp', '.nx', '.angular', '.env', 'docker/.env', '.env.local'])(
    'keeps %s out of the build context',
    (path) => expect(ignored(path)).toBe(true),
  );

  it.each([
    'package.json',
    'package-lock.json',
    'nx.json',
    'tsconfig.base.json',
    'docker/assemble-runtime.sh',
    'docker/.env.example',
    'apps/api/src/main.ts',
    'apps/api/webpack.config.js',
    'apps/dashboard/project.json',
    'libs/hub-emulator/src/index.ts',
    'tools/jest/node-project.cjs',
  ])('keeps %s in the build context', (path) => expect(ignored(path)).toBe(false));
});

describe('docker/docker-compose.yml', () => {
  const compose = composeText();

  it("keeps the seed README's example: service, image, port, the four variables and the restart policy", () => {
    expect(compose).toMatch(/^services:\n {2}huggingface-monitor:\n/m);
    expect(compose).toMatch(/^ {4}image: huggingface-monitor:latest$/m);
    expect(compose).toMatch(/^ {4}container_name: huggingface-monitor$/m);
    expect(compose).toMatch(/^ {4}ports:\n {6}- "8080:8080"$/m);
    for (const name of ['HF_USER', 'API_KEY', 'USER_NAME', 'USER_PASSWORD']) {
      expect(compose).toMatch(new RegExp(`^ {6}- ${name}=\\$\\{${name}:-[^}]*\\}$`, 'm'));
    }
    expect(compose).toMatch(/^ {4}restart: unless-stopped$/m);
  });

  it('builds from the repository root with docker/Dockerfile and reads an optional .env', () => {
    expect(compose).toMatch(/^ {4}build:\n(?: {6}#.*\n)* {6}context: \.\.\n {6}dockerfile: docker\/Dockerfile$/m);
    expect(compose).toMatch(/^ {4}env_file:\n {6}- path: \.env\n {8}required: false$/m);
  });

  it('is hardened: init, read-only root with a /tmp tmpfs, no capabilities, no new privileges', () => {
    expect(compose).toMatch(/^ {4}init: true$/m);
    expect(compose).toMatch(/^ {4}read_only: true$/m);
    expect(compose).toMatch(/^ {4}tmpfs:\n {6}- \/tmp(:\S*)?$/m);
    expect(compose).toMatch(/^ {4}cap_drop:\n {6}- ALL$/m);
    expect(compose).toMatch(/^ {4}security_opt:\n {6}- no-new-privileges:true$/m);
  });

  it('mounts a named volume at /data, so the state outlives the container', () => {
    expect(compose).toMatch(/^ {4}volumes:\n {6}- hf-dashboard-data:\/data$/m);
    expect(compose).toMatch(/^volumes:\n {2}hf-dashboard-data:$/m);
  });

  it('has the same healthcheck as the image', () => {
    expect(composeHealthcheck()).toEqual(dockerHealthcheck());
  });
});

describe('docker/test-services.yml', () => {
  const services = readFileSync(join(WORKSPACE_ROOT, 'docker/test-services.yml'), 'utf8');

  it('runs PostgreSQL as the tests expect it (trust, database test) and Redis, on loopback only', () => {
    expect(services).toMatch(/^ {2}postgres:\n {4}image: postgres:\d+$/m);
    expect(services).toMatch(/^ {6}POSTGRES_DB: test$/m);
    expect(services).toMatch(/^ {6}POSTGRES_HOST_AUTH_METHOD: trust$/m);
    expect(services).toMatch(/^ {2}redis:\n {4}image: redis:\d+$/m);
    const ports = [...services.matchAll(/^ {6}- "([^"]+)"$/gm)].map((match) => match[1]);
    expect(ports).toEqual(['127.0.0.1:5432:5432', '127.0.0.1:6379:6379']);
  });
});

describe('docker/.env.example', () => {
  const entries = envExample();

  it('lists every variable the server reads, each once and with a comment', () => {
    const variables = configurationVariables();
    expect(variables.length).toBeGreaterThanOrEqual(19);
    expect(entries.map((entry) => entry.name).sort()).toEqual([...variables].sort());
    for (const entry of entries) expect(`${entry.name}: ${entry.comment}`).toMatch(/^\w+: \S/);
  });

  it("sets the original's variables and holds no real-looking secret", () => {
    const active = entries.filter((entry) => entry.active).map((entry) => entry.name);
    expect(active).toEqual(expect.arrayContaining(['HF_USER', 'API_KEY', 'USER_NAME', 'USER_PASSWORD']));
    for (const entry of entries) expect(entry.value).not.toMatch(/hf_[A-Za-z0-9]{20,}/);
    // A secret left at its example value would be a known key: secrets stay unset.
    expect(entries.find((entry) => entry.name === 'JWT_SECRET')?.value).toBe('');
  });
});
