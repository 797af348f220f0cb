import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Launcher } from '@hfd/test-support';

/** `nobody`: an unprivileged user that owns no file, like the image's `node` user owns none of /app. */
export const UNPRIVILEGED_UID = 65534;

/**
 * Runs a command the way docker-compose.yml runs the container, as far as this machine
 * allows without Docker: in its own mount namespace with the whole root filesystem
 * remounted read-only (stricter than `read_only: true` plus a /tmp tmpfs) except `writable`
 * (the volume at /data), as an unprivileged user, with no capabilities and no-new-privileges.
 * `exec` keeps one process, so the spec's signals reach Node itself.
 */
function sandboxScript(writable: readonly string[]): string {
  return [
    // A bind mount of a directory onto itself is a mount of its own, which the remount below leaves writable.
    ...writable.map((dir) => `mount --bind '${dir}' '${dir}'`),
    'mount -o remount,bind,ro /',
    `exec setpriv --reuid=${UNPRIVILEGED_UID} --regid=${UNPRIVILEGED_UID} --clear-groups --no-new-privs --inh-caps=-all --bounding-set=-all "$0" "$@"`,
  ].join(' && ');
}

function sandboxed(argv: readonly string[], writable: readonly string[] = []): string[] {
  if (writable.some((dir) => !/^[\w./-]+$/.test(dir))) throw new Error(`A writable directory with an unusual name: ${writable.join(', ')}`);
  return ['-m', 'sh', '-c', sandboxScript(writable), ...argv];
}

let available: boolean | undefined;

/** Needs root (to make the namespace), util-linux's unshare and setpriv, and a kernel that lets us. */
export function sandboxAvailable(): boolean {
  if (available === undefined) {
    available =
      process.getuid?.() === 0 &&
      existsSync('/usr/bin/unshare') &&
      existsSync('/usr/bin/setpriv') &&
      spawnSync('/usr/bin/unshare', sandboxed(['/bin/sh', '-c', 'test "$(id -u)" = "$0" && ! touch /etc/.hfd-probe 2>/dev/null', String(UNPRIVILEGED_UID)]), {
        stdio: 'ignore',
        timeout: 10_000,
      }).status === 0;
  }
  return available;
}

/** How to start a command sandboxed when this machine allows it, with only `writable` writable. */
export function launcher(writable: readonly string[] = []): Launcher {
  return (argv) => {
    if (sandboxAvailable()) return { command: '/usr/bin/unshare', args: sandboxed(argv, writable) };
    return { command: argv[0], args: argv.slice(1) };
  };
}
