import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

describe('scripts/generate.mjs --check (the build runs it)', () => {
  let copy = '';
  afterEach(() => {
    if (copy !== '') rmSync(copy, { recursive: true, force: true });
    copy = '';
  });

  it('fails when src/schema.ts is not what openapi.json gives', async () => {
    // A copy of the package's generator and files inside the package, so that it resolves the same modules.
    copy = mkdtempSync(join(PACKAGE, '.generate-test-'));
    mkdirSync(join(copy, 'src'));
    cpSync(join(PACKAGE, 'scripts'), join(copy, 'scripts'), { recursive: true });
    cpSync(join(PACKAGE, 'openapi.json'), join(copy, 'openapi.json'));
    const schema = readFileSync(join(PACKAGE, 'src/schema.ts'), 'utf8');
    const check = () => run(process.execPath, [join(copy, 'scripts/generate.mjs'), '--check']);
    writeFileSync(join(copy, 'src/schema.ts'), schema);
    await expect(check()).resolves.toBeDefined();
    const renamed = schema.replace("'/api/v1/flags/{key}/kill'", "'/api/v1/flags/{key}/stop'");
    expect(renamed).not.toBe(schema);
    writeFileSync(join(copy, 'src/schema.ts'), renamed);
    const stale = await check().catch((error: { code: number; stderr: string }) => error);
    expect(stale).toMatchObject({ code: 1 });
    expect((stale as { stderr: string }).stderr).toContain('src/schema.ts differs from what openapi.json gives');
  });
});
