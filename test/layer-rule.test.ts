import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseOptions, type IForbiddenRuleType } from 'dependency-cruiser';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The layer rule has two halves, both run by `npm run lint`: ESLint keeps vendor and node packages out of
// the inner layers (eslint.config.js), dependency-cruiser checks the direction between layers and import
// cycles on resolved paths (.dependency-cruiser.cjs). A violation must be an error, so CI fails.
const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function eslintErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId ?? '?'}: ${m.message}`);
}

describe('layer rule: packages (ESLint)', () => {
  // The first lint loads the whole TypeScript project (type-aware rules): seconds, more on a busy machine.
  beforeAll(async () => {
    await eslintErrors('src/domain/result.ts', 'export const warm = 1;\n');
  }, 180_000);

  it.each([
    ['domain importing a vendor package', 'src/domain/result.ts', "import { z } from 'zod';\nexport const x = z;\n", 'src/domain may import only relative modules and big.js'],
    ['domain importing node:fs', 'src/domain/result.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", 'src/domain may import only relative modules and big.js'],
    ['application importing a vendor package', 'src/application/ports/clock.ts', "import pg from 'pg';\nexport const x = pg;\n", 'src/application may import only relative modules'],
    ['shared importing a vendor package', 'src/shared/errors.ts', "import { z } from 'zod';\nexport const x = z;\n", 'src/shared may import only relative modules'],
  ])('rejects %s', async (_label, filePath, code, expected) => {
    const errors = await eslintErrors(filePath, code);
    expect(errors.join('\n'), `linting a ${filePath} fixture that imports a package`).toContain(expected);
  });

  it('accepts a package an outer layer may use', async () => {
    expect(await eslintErrors('src/main/logger.ts', "import pino from 'pino';\nexport const x = pino;\n")).toEqual([]);
  });
});

describe('layer rule: direction and cycles (dependency-cruiser)', () => {
  it('reports every inward-pointing violation and the cycle in the fixture tree, and nothing else', async () => {
    const require = createRequire(import.meta.url);
    const config = require('../.dependency-cruiser.cjs') as { forbidden: IForbiddenRuleType[] };
    const fixture = fileURLToPath(new URL('fixtures/layer-rule/', import.meta.url));
    const options: ICruiseOptions = {
      baseDir: fixture,
      validate: true,
      ruleSet: { forbidden: config.forbidden },
      tsPreCompilationDeps: true,
      tsConfig: { fileName: 'tsconfig.json' },
      outputType: 'json',
    };
    const result = await cruise(['src'], options);
    const output = typeof result.output === 'string' ? (JSON.parse(result.output) as { summary: { error: number; violations: { rule: { name: string }; from: string; to: string }[] } }) : result.output;
    const violations = output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
    expect(violations).toEqual([
      'layer-application: src/application/imports-adapter.ts -> src/adapters/venue.ts',
      'layer-domain: src/domain/imports-application.ts -> src/application/engine.ts',
      'layer-domain: src/domain/imports-shared.ts -> src/shared/errors.ts',
      'layer-interfaces: src/interfaces/imports-main.ts -> src/main/cli.ts',
      'layer-shared: src/shared/imports-domain.ts -> src/domain/ok.ts',
      'no-circular: src/adapters/cycle-a.ts -> src/adapters/cycle-b.ts',
    ]);
    expect(output.summary.error, 'every violation is an error, so the lint step fails').toBe(violations.length);
  });
});
