import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from '@hfd/test-support';

/** At the root of the build context, the repository. */
const DOCKERIGNORE = join(WORKSPACE_ROOT, '.dockerignore');

interface Rule {
  exclude: boolean;
  pattern: RegExp;
}

/** A .dockerignore glob as a regular expression: `**` any depth, `*` and `?` within one segment. */
function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === '*' && glob[i + 1] === '*') {
      // `**/` matches zero or more directories; a trailing `**` anything.
      source += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // A pattern that names a directory excludes everything below it too.
  return new RegExp(`^${source}(?:/.*)?$`);
}

/**
 * Docker's reading of .dockerignore, enough for these checks: paths relative to the context
 * root, the last matching rule wins, `!` re-includes.
 */
export function dockerIgnores(text = readFileSync(DOCKERIGNORE, 'utf8')): (path: string) => boolean {
  const rules: Rule[] = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const exclude = !line.startsWith('!');
      const glob = (exclude ? line : line.slice(1)).replace(/^\/+/, '').replace(/\/+$/, '');
      return { exclude, pattern: globToRegExp(glob) };
    });
  return (path) => {
    let ignored = false;
    for (const rule of rules) if (rule.pattern.test(path)) ignored = rule.exclude;
    return ignored;
  };
}
