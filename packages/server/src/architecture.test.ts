import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseOptions, type IForbiddenRuleType } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const config: { forbidden: IForbiddenRuleType[]; options: ICruiseOptions } = createRequire(import.meta.url)(
  join(PACKAGE_DIR, '.dependency-cruiser.cjs'),
);

/** The rules broken in the tree at `baseDir`, as `rule: from → to`. */
async function violations(baseDir: string): Promise<string[]> {
  const result = await cruise(['src'], {
    ...config.options,
    baseDir,
    ruleSet: { forbidden: config.forbidden },
    validate: true,
  });
  if (typeof result.output === 'string') throw new Error('expected a JSON result');
  return result.output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

describe("the server's layering", () => {
  const fixture = mkdtempSync(join(tmpdir(), 'rampart-layers-'));
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(fixture, path)), { recursive: true });
    writeFileSync(join(fixture, path), text);
  };

  it('holds in the real tree', async () => {
    expect(await violations(PACKAGE_DIR)).toEqual([]);
  });

  it("is broken by an import of another feature's internals, an upward import, a cycle or a wiring import", async () => {
    write('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'nodenext', strict: true } }));
    write('src/base/clock.ts', "import { x } from '../store/store.js';\nexport const clock = x;\n");
    write('src/store/store.ts', "import { router } from '../http/router.js';\nexport const x = router;\n");
    write('src/http/router.ts', 'export const router = 1;\n');
    write('src/model/a.ts', "import { b } from './b.js';\nexport const a = () => b;\n");
    write('src/model/b.ts', "import { a } from './a.js';\nexport const b = () => a;\n");
    write('src/segments/segment-writes.ts', 'export const write = 1;\n');
    write('src/segments/index.ts', "export { write } from './segment-writes.js';\n");
    write(
      'src/flags/flag-routes.ts',
      "import { write } from '../segments/segment-writes.js';\nexport const r = write;\n",
    );
    write('src/flags/fine.ts', "import { write } from '../segments/index.js';\nexport const f = write;\n");
    write('src/delivery/up.ts', "import { app } from '../app.js';\nexport const u = app;\n");
    write('src/app.ts', "import { r } from './flags/flag-routes.js';\nexport const app = r;\n");

    expect((await violations(fixture)).sort()).toEqual(
      [
        'feature-internals: src/flags/flag-routes.ts → src/segments/segment-writes.ts',
        'layer-base: src/base/clock.ts → src/store/store.ts',
        'layer-ports: src/store/store.ts → src/http/router.ts',
        'no-circular: src/model/a.ts → src/model/b.ts',
        'no-upward-into-wiring: src/delivery/up.ts → src/app.ts',
        'wiring-uses-feature-index: src/app.ts → src/flags/flag-routes.ts',
      ].sort(),
    );
  });
});
