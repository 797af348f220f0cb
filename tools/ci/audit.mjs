#!/usr/bin/env node
/**
 * The dependency check of CI: `npm audit --omit=dev --json` over the production dependencies.
 *
 * - A high or critical vulnerability: the packages are listed and the exit status is 1.
 * - None: one line with the counts, exit status 0.
 * - The audit endpoint cannot be reached (no internet, or a registry mirror that does not
 *   serve it: this network's mirror answers 405): one line saying the audit could not run
 *   here and why, exit status 0. A network reason never turns CI red; a finding always does.
 *   .github/workflows/audit.yml runs the same script where the endpoint is reachable.
 * - Anything else (npm missing, no lock file, output that is not an audit report): exit 2.
 *
 * `--require-endpoint`: where the endpoint must answer (GitHub Actions, with internet), not
 * reaching it fails with exit status 3 instead, so a check that never runs cannot pass.
 *
 * `--report <file>` reads a saved `npm audit --json` output instead of running npm (to check
 * this script, or to read a report made elsewhere).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FAILING = ['critical', 'high'];
const SEVERITIES = ['critical', 'high', 'moderate', 'low', 'info'];
/** npm's run can take a while on a slow network; past this it counts as unreachable. */
const TIMEOUT_MS = 5 * 60_000;

/** Error codes of a request that did not get an answer from the audit endpoint. */
const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ECONNABORTED',
  'EPIPE',
  'EPROTO',
  'ERR_SOCKET_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);
const NETWORK_TEXT = /audit endpoint|getaddrinfo|socket hang up|network|timed? ?out|ECONN|ENOTFOUND|EAI_AGAIN|Method Not Allowed/i;

function oneLine(text) {
  return String(text ?? '').replace(/\s+/g, ' ').trim().slice(0, 300);
}

/** What npm printed: its JSON (report or error), its stderr and its exit status. */
function runAudit() {
  const result = spawnSync('npm', ['audit', '--omit=dev', '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, npm_config_fund: 'false', npm_config_update_notifier: 'false' },
  });
  if (result.error?.code === 'ETIMEDOUT') return { unreachable: `npm audit did not answer within ${TIMEOUT_MS / 60_000} min` };
  if (result.error) return { failure: `npm could not be started: ${result.error.message}` };
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The reason the endpoint gave no report, when npm's JSON is an error about reaching it:
 * `{ statusCode, uri, message }` for an HTTP answer (405 here), `{ error: { code, summary } }`
 * for a request that failed.
 */
function unreachableReason(json, stderr) {
  if (json && typeof json === 'object' && !('vulnerabilities' in json) && !('advisories' in json)) {
    if (typeof json.statusCode === 'number') {
      return `the audit endpoint answered ${json.message ? oneLine(json.message) : `${json.statusCode} (${json.uri ?? 'no address'})`}`;
    }
    const error = json.error ?? json;
    const code = typeof error.code === 'string' ? error.code : '';
    const summary = oneLine(error.summary || error.message || error.detail);
    if (NETWORK_CODES.has(code) || /^E\d{3}$/.test(code) || (code === '' && NETWORK_TEXT.test(summary))) {
      return `the audit endpoint could not be reached (${[code, summary].filter(Boolean).join(': ')})`;
    }
    return undefined;
  }
  if (json === undefined && NETWORK_TEXT.test(stderr ?? '')) return `the audit endpoint could not be reached (${oneLine(stderr)})`;
  return undefined;
}

/** The advisories behind one vulnerable package, as short text. */
function describeVia(via) {
  return (Array.isArray(via) ? via : [])
    .map((entry) => (typeof entry === 'string' ? `through ${entry}` : [entry.title, entry.url].filter(Boolean).join(' ')))
    .filter(Boolean)
    .join('; ');
}

/** The endpoint gave no report: a pass here, a failure where it must answer. */
function notRun(reason) {
  if (process.argv.includes('--require-endpoint')) {
    console.error(`npm audit could not run: ${reason}. The audit endpoint must answer here (--require-endpoint).`);
    return 3;
  }
  console.log(`npm audit could not run here: ${reason}. Not a finding; .github/workflows/audit.yml runs it with internet access.`);
  return 0;
}

function main() {
  const fromFile = process.argv.indexOf('--report');
  const run =
    fromFile === -1
      ? runAudit()
      : { stdout: readFileSync(process.argv[fromFile + 1], 'utf8'), stderr: '', status: null };

  if (run.unreachable) return notRun(run.unreachable);
  if (run.failure) {
    console.error(`npm audit failed: ${run.failure}`);
    return 2;
  }

  const json = parse(run.stdout);
  const unreachable = unreachableReason(json, run.stderr);
  if (unreachable) return notRun(unreachable);
  if (!json || typeof json !== 'object' || !(('vulnerabilities' in json) || ('metadata' in json))) {
    console.error(`npm audit failed: no audit report (${oneLine(json?.error?.summary ?? json?.message ?? run.stderr ?? run.stdout) || 'empty output'})`);
    return 2;
  }

  const vulnerabilities = Object.values(json.vulnerabilities ?? {});
  const failing = vulnerabilities
    .filter((entry) => FAILING.includes(entry.severity))
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.name.localeCompare(b.name));
  const counts = json.metadata?.vulnerabilities ?? {};
  const reportedFailing = FAILING.reduce((sum, severity) => sum + (Number(counts[severity]) || 0), 0);

  if (failing.length > 0 || reportedFailing > 0) {
    console.error(`npm audit: ${Math.max(failing.length, reportedFailing)} high or critical vulnerabilit${Math.max(failing.length, reportedFailing) === 1 ? 'y' : 'ies'} in the production dependencies:`);
    for (const entry of failing) {
      const fix = entry.fixAvailable === false ? 'no fix available' : entry.fixAvailable ? 'fix available' : '';
      console.error(`  ${entry.severity.padEnd(8)} ${entry.name} ${entry.range ?? ''}  ${describeVia(entry.via)}${fix ? `  (${fix})` : ''}`.trimEnd());
    }
    return 1;
  }

  const summary = SEVERITIES.filter((severity) => Number(counts[severity]) > 0).map((severity) => `${counts[severity]} ${severity}`);
  const scanned = json.metadata?.dependencies?.prod ?? json.metadata?.dependencies?.total;
  console.log(
    `npm audit: no high or critical vulnerability in the production dependencies${scanned ? ` (${scanned} packages)` : ''}${summary.length ? `; below the bar: ${summary.join(', ')}` : ''}.`,
  );
  return 0;
}

process.exitCode = main();
