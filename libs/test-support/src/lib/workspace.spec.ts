import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DASHBOARD_INDEX, DIST, SERVER_ENTRY, WORKSPACE_ROOT, nxCommandEnv } from './workspace';

describe('workspace paths', () => {
  it('start at the repository root', () => {
    expect(existsSync(join(WORKSPACE_ROOT, 'nx.json'))).toBe(true);
    expect((JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['build']).toContain('nx run-many');
  });

  it('name the production bundles under dist/', () => {
    expect(DIST).toBe(join(WORKSPACE_ROOT, 'dist'));
    expect(SERVER_ENTRY).toBe(join(WORKSPACE_ROOT, 'dist/apps/api/main.js'));
    expect(DASHBOARD_INDEX).toBe(join(WORKSPACE_ROOT, 'dist/apps/dashboard/browser/index.html'));
  });
});

describe('nxCommandEnv', () => {
  it("keeps this process's environment and turns off the daemon, the terminal UI and the cloud", () => {
    const env = nxCommandEnv();
    expect(env['PATH']).toBe(process.env['PATH']);
    expect(env).toMatchObject({ NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true' });
  });
});
