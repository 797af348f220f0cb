import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The boundary rules live in eslint.config.mjs; these tests prove they bite, by
 * linting probe files placed (virtually) inside each project.
 */
const root = join(__dirname, '../../..');

interface LintMessage {
  ruleId: string | null;
  severity: number;
  message: string;
}

/** Runs the real ESLint CLI (as `nx lint` does) on code given as if it were at `filePath`. */
async function violations(filePath: string, code: string): Promise<string[]> {
  const eslint = spawnSync(
    process.execPath,
    [join(root, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', filePath, '--format', 'json'],
    { cwd: root, input: code, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false' } },
  );
  const [result] = JSON.parse(eslint.stdout) as { messages: LintMessage[] }[];
  return result.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('module boundaries', () => {
  jest.setTimeout(60_000);

  it('keeps Nest, Express and Node built-ins out of the dashboard', async () => {
    const found = await violations(
      'apps/dashboard/src/app/probe.ts',
      "import { Injectable } from '@nestjs/common';\nimport express from 'express';\nimport { readFileSync } from 'node:fs';\nimport { join } from 'path';\nexport const x = [Injectable, express, readFileSync, join];\n",
    );
    expect(found).toEqual([
      expect.stringMatching(/enforce-module-boundaries.*@nestjs\/common/),
      expect.stringMatching(/enforce-module-boundaries.*express/),
      expect.stringMatching(/no-restricted-imports.*node:fs/),
      expect.stringMatching(/no-restricted-imports.*path/),
    ]);
  });

  it('keeps the hub emulator out of the dashboard', async () => {
    const found = await violations(
      'apps/dashboard/src/app/probe.ts',
      "import { startHubEmulator } from '@hfd/hub-emulator';\nexport const x = startHubEmulator;\n",
    );
    expect(found).toEqual([expect.stringMatching(/platform:browser.*platform:node/)]);
  });

  it('keeps Angular out of the API', async () => {
    const found = await violations(
      'apps/api/src/app/probe.ts',
      "import { Component } from '@angular/core';\nexport const x = Component;\n",
    );
    expect(found).toEqual([expect.stringMatching(/platform:node.*@angular\/core/)]);
  });

  it('keeps every framework and runtime dependency out of the contracts', async () => {
    for (const dependency of ['rxjs', '@nestjs/common', '@angular/core', 'class-validator']) {
      const found = await violations(
        'libs/contracts/src/lib/probe.ts',
        `import * as dep from '${dependency}';\nexport const x = dep;\n`,
      );
      expect(found).toEqual([expect.stringMatching(new RegExp(`type:contracts.*${dependency.replace('/', '\\/')}`))]);
    }
  });

  it('lets the contracts depend on no other project', async () => {
    const found = await violations(
      'libs/contracts/src/lib/probe.ts',
      "import { startHubEmulator } from '@hfd/hub-emulator';\nexport const x = startHubEmulator;\n",
    );
    expect(found.some((m) => /type:contracts/.test(m))).toBe(true);
  });

  it('keeps the test support out of the applications, their own specs included', async () => {
    for (const probe of ['apps/api/src/app/probe.ts', 'apps/api/src/app/probe.spec.ts', 'apps/dashboard/src/app/probe.spec.ts']) {
      const found = await violations(probe, "import { ServerProcess } from '@hfd/test-support';\nexport const x = ServerProcess;\n");
      expect(found.some((message) => /enforce-module-boundaries/.test(message) && /type:(app|test-support)/.test(message))).toBe(true);
    }
  });

  it('lets the persistence library use the test support in its specs only', async () => {
    const probe = "import { ScratchDatabases } from '@hfd/test-support';\nexport const x = ScratchDatabases;\n";
    expect(await violations('libs/persistence/src/lib/probe.spec.ts', probe)).toEqual([]);
    const found = await violations('libs/persistence/src/lib/probe.ts', probe);
    expect(found).toEqual([expect.stringMatching(/enforce-module-boundaries.*"type:persistence" can only depend on libs tagged with "type:contracts", "type:util"$/)]);
  });

  it('keeps Nest out of the persistence library, and lets the API and the benchmarks use it', async () => {
    const found = await violations('libs/persistence/src/lib/probe.ts', "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n");
    expect(found).toEqual([expect.stringMatching(/type:persistence.*@nestjs\/common/)]);
    for (const probe of ['apps/api/src/app/probe.ts', 'bench/lib/probe.ts']) {
      expect(await violations(probe, "import { openPersistence } from '@hfd/persistence';\nexport const x = openPersistence;\n")).toEqual([]);
    }
  });

  it('lets the test support use the contracts and the hub emulator', async () => {
    const found = await violations(
      'libs/test-support/src/lib/probe.ts',
      "import { SPACE_STAGES } from '@hfd/contracts';\nimport { startHubEmulator } from '@hfd/hub-emulator';\nexport const x = [SPACE_STAGES, startHubEmulator];\n",
    );
    expect(found).toEqual([]);
  });

  it('allows the imports each side is meant to make', async () => {
    expect(
      await violations(
        'apps/dashboard/src/app/probe.ts',
        "import { Component } from '@angular/core';\nimport { SPACE_STAGES } from '@hfd/contracts';\nexport const x = [Component, SPACE_STAGES];\n",
      ),
    ).toEqual([]);
    expect(
      await violations(
        'apps/api/src/app/probe.ts',
        "import { Injectable } from '@nestjs/common';\nimport { SPACE_STAGES } from '@hfd/contracts';\nexport const x = [Injectable, SPACE_STAGES];\n",
      ),
    ).toEqual([]);
    for (const probe of ['apps/resilience-e2e/src/probe.ts', 'bench/lib/probe.ts', 'bench/load/probe.ts']) {
      expect(await violations(probe, "import { ServerProcess } from '@hfd/test-support';\nexport const x = ServerProcess;\n")).toEqual([]);
    }
  });
});
