import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A person who clones the repository must be able to follow every reference: nothing may point
 * at documents that live outside it, and every `docs/hub-api.md §N` names a section that exists.
 */
const root = join(__dirname, '../../..');

const TEXT = /\.(ts|mts|cts|js|mjs|cjs|md|json|ya?ml|html|scss|sh)$/;

function trackedTextFiles(): string[] {
  return execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((file) => TEXT.test(file) && !file.startsWith('node_modules/'));
}

/** Paths and names of documents that were given to the project but are not part of it. */
const OUTSIDE = [/\/work\//, /\/shared\/(docs|seed)\b/, /\bpeers\.md\b/, /\bproduct\.md\b/, /(?<![\w/-])hf-api\.md\b/];
/** Outside docs/, the project's own architecture document is always named with its folder. */
const BARE_ARCHITECTURE = /(?<![\w/.-])architecture\.md\b/;

/** The sections of docs/hub-api.md: `## N.` and `### N.M` headings, and the numbered rules of §12. */
function hubApiSections(): Set<string> {
  const sections = new Set<string>();
  let top: string | null = null;
  for (const line of readFileSync(join(root, 'docs/hub-api.md'), 'utf8').split('\n')) {
    const heading = /^#{2,3} (\d+(?:\.\d+)?)[. ]/.exec(line);
    if (heading) {
      sections.add(heading[1]);
      top = heading[1].split('.')[0];
      continue;
    }
    const rule = /^(\d+)\. /.exec(line);
    if (rule && top !== null) sections.add(`${top}.${rule[1]}`);
  }
  return sections;
}

describe('references in the repository', () => {
  const files = trackedTextFiles();

  it('reads the files git knows', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', 'docs/hub-api.md', 'docs/architecture.md']));
  });

  it('point at nothing outside the repository', () => {
    const found: string[] = [];
    for (const file of files) {
      if (file === 'tools/workspace-checks/src/doc-references.spec.ts') continue;
      readFileSync(join(root, file), 'utf8')
        .split('\n')
        .forEach((line, index) => {
          const outside = OUTSIDE.some((pattern) => pattern.test(line)) || (!file.startsWith('docs/') && BARE_ARCHITECTURE.test(line));
          if (outside) found.push(`${file}:${index + 1}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });

  it('cite sections of docs/hub-api.md that exist', () => {
    const sections = hubApiSections();
    const missing: string[] = [];
    let citations = 0;
    for (const file of files) {
      // The emulator's README cites the same document as bare §n.
      const citesBare = file === 'libs/hub-emulator/README.md';
      readFileSync(join(root, file), 'utf8')
        .split('\n')
        .forEach((line, index) => {
          if (!citesBare && !line.includes('hub-api.md')) return;
          for (const [, section] of line.matchAll(/§(\d+(?:\.\d+)?)/g)) {
            citations += 1;
            if (!sections.has(section)) missing.push(`${file}:${index + 1}: §${section}`);
          }
        });
    }
    expect(citations).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });
});
