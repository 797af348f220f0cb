import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from '@hfd/test-support';

/**
 * tools/ci/audit.mjs, the dependency check CI runs: it must fail for a high or critical
 * finding and must not fail because the audit endpoint is out of reach (this network's
 * registry mirror answers 405 to it). Fed saved `npm audit --json` outputs with --report.
 */

const SCRIPT = join(WORKSPACE_ROOT, 'tools/ci/audit.mjs');

interface Outcome {
  status: number | null;
  stdout: string;
  stderr: string;
}

const directory = mkdtempSync(join(tmpdir(), 'hfd-audit-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function audit(name: string, report: unknown, ...flags: string[]): Outcome {
  const file = join(directory, `${name}.json`);
  writeFileSync(file, typeof report === 'string' ? report : JSON.stringify(report, null, 2));
  const result = spawnSync(process.execPath, [SCRIPT, '--report', file, ...flags], { encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

const advisory = (name: string, severity: string, title: string) => ({
  source: 1_100_000,
  name,
  dependency: name,
  title,
  url: `https://github.com/advisories/GHSA-${name}-test`,
  severity,
  cwe: ['CWE-1321'],
  cvss: { score: 8.1, vectorString: null },
  range: '<9.9.9',
});

function report(vulnerabilities: Record<string, { severity: string; via: unknown[]; isDirect?: boolean; fixAvailable?: unknown }>) {
  const counts = { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0 };
  for (const entry of Object.values(vulnerabilities)) {
    counts[entry.severity as keyof typeof counts]++;
    counts.total++;
  }
  return {
    auditReportVersion: 2,
    vulnerabilities: Object.fromEntries(
      Object.entries(vulnerabilities).map(([name, entry]) => [
        name,
        { name, isDirect: entry.isDirect ?? false, effects: [], range: '<9.9.9', nodes: [`node_modules/${name}`], fixAvailable: entry.fixAvailable ?? true, ...entry },
      ]),
    ),
    metadata: {
      vulnerabilities: counts,
      dependencies: { prod: 187, dev: 0, optional: 3, peer: 0, peerOptional: 0, total: 189 },
    },
  };
}

describe('tools/ci/audit.mjs', () => {
  it('fails with status 1 and lists each package with a high or critical vulnerability, worst first', () => {
    const outcome = audit(
      'findings',
      report({
        'left-pad-ish': { severity: 'high', isDirect: true, via: [advisory('left-pad-ish', 'high', 'Prototype pollution')] },
        'deep-dep': { severity: 'critical', via: [advisory('deep-dep', 'critical', 'Remote code execution')], fixAvailable: false },
        'wrapper': { severity: 'high', via: ['deep-dep'] },
        'chatty': { severity: 'moderate', via: [advisory('chatty', 'moderate', 'Log injection')] },
      }),
    );
    expect(outcome.status).toBe(1);
    const output = lines(outcome.stderr);
    expect(output[0]).toBe('npm audit: 3 high or critical vulnerabilities in the production dependencies:');
    expect(output.slice(1).map((line) => line.trim().split(/\s+/).slice(0, 2).join(' '))).toEqual(['critical deep-dep', 'high left-pad-ish', 'high wrapper']);
    expect(outcome.stderr).toContain('Remote code execution https://github.com/advisories/GHSA-deep-dep-test');
    expect(outcome.stderr).toContain('no fix available');
    expect(outcome.stderr).toContain('through deep-dep');
    expect(outcome.stderr).not.toContain('chatty');
  });

  it('fails for a single critical one', () => {
    const outcome = audit('one-critical', report({ solo: { severity: 'critical', via: [advisory('solo', 'critical', 'Bad')] } }));
    expect(outcome.status).toBe(1);
    expect(lines(outcome.stderr)[0]).toBe('npm audit: 1 high or critical vulnerability in the production dependencies:');
  });

  it('passes with one line when nothing is high or critical, naming what is below the bar', () => {
    const outcome = audit(
      'below-the-bar',
      report({
        chatty: { severity: 'moderate', via: [advisory('chatty', 'moderate', 'Log injection')] },
        tiny: { severity: 'low', via: [advisory('tiny', 'low', 'Minor')] },
      }),
    );
    expect(outcome.status).toBe(0);
    expect(lines(outcome.stdout)).toEqual(['npm audit: no high or critical vulnerability in the production dependencies (187 packages); below the bar: 1 moderate, 1 low.']);
    expect(outcome.stderr).toBe('');
  });

  it('passes with one line for a clean report', () => {
    const outcome = audit('clean', report({}));
    expect(outcome.status).toBe(0);
    expect(lines(outcome.stdout)).toEqual(['npm audit: no high or critical vulnerability in the production dependencies (187 packages).']);
  });

  it('passes with one line saying why when the registry answers 405 to the audit endpoint (this network)', () => {
    const outcome = audit('mirror-405', {
      message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
      method: 'POST',
      uri: 'https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
      headers: { allow: ['GET,HEAD'] },
      statusCode: 405,
      body: '',
      error: { summary: '', detail: '' },
    });
    expect(outcome.status).toBe(0);
    expect(lines(outcome.stdout)).toEqual([
      'npm audit could not run here: the audit endpoint answered 405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk. Not a finding; .github/workflows/audit.yml runs it with internet access.',
    ]);
  });

  it.each([
    ['ENOTFOUND', 'request to https://registry.npmjs.org/-/npm/v1/security/advisories/bulk failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org'],
    ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:4873'],
    ['ETIMEDOUT', 'network timeout at: https://registry.npmjs.org/-/npm/v1/security/advisories/bulk'],
    ['E503', '503 Service Unavailable - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk'],
  ])('passes with one line when the request fails with %s', (code, summary) => {
    const outcome = audit(`offline-${code}`, { error: { code, summary, detail: '' } });
    expect(outcome.status).toBe(0);
    expect(lines(outcome.stdout)).toHaveLength(1);
    expect(outcome.stdout).toContain('npm audit could not run here: the audit endpoint could not be reached');
    expect(outcome.stdout).toContain(code);
  });

  it('fails with status 3 when the endpoint cannot be reached where it must answer (--require-endpoint)', () => {
    const offline = { error: { code: 'ENOTFOUND', summary: 'getaddrinfo ENOTFOUND registry.npmjs.org', detail: '' } };
    const outcome = audit('required-offline', offline, '--require-endpoint');
    expect(outcome.status).toBe(3);
    expect(lines(outcome.stderr)).toEqual([expect.stringMatching(/^npm audit could not run: the audit endpoint could not be reached \(ENOTFOUND/)]);
    // A finding still fails with 1, a clean report still passes.
    expect(audit('required-findings', report({ x: { severity: 'high', via: [advisory('x', 'high', 'Bad')] } }), '--require-endpoint').status).toBe(1);
    expect(audit('required-clean', report({}), '--require-endpoint').status).toBe(0);
  });

  it('fails with status 2 for an error that is no network reason (no lock file)', () => {
    const outcome = audit('no-lock', { error: { code: 'ENOLOCK', summary: 'This command requires an existing lockfile.', detail: 'Try creating one first with: npm i --package-lock-only' } });
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toContain('This command requires an existing lockfile.');
    expect(outcome.stdout).toBe('');
  });

  it('fails with status 2 for output that is not an audit report', () => {
    expect(audit('garbage', 'npm ERR! something unexpected').status).toBe(2);
    expect(audit('empty', '').status).toBe(2);
  });
});
