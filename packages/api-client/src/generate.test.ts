import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

describe('scripts/generate.mjs', () => {
  let copy = '';
  afterEach(() => {
    if (copy !== '') rmSync(copy, { recursive: true, force: true });
    copy = '';
  });

  it("fails the build's check when the committed client differs from the server, and writes it again", async () => {
    // A copy of the package's generator and files inside the package, so that it resolves the same modules.
    copy = mkdtempSync(join(PACKAGE, '.generate-test-'));
    mkdirSync(join(copy, 'src'));
    cpSync(join(PACKAGE, 'scripts'), join(copy, 'scripts'), { recursive: true });
    cpSync(join(PACKAGE, 'openapi.json'), join(copy, 'openapi.json'));
    const schema = readFileSync(join(PACKAGE, 'src/schema.ts'), 'utf8');
    writeFileSync(
      join(copy, 'src/schema.ts'),
      schema.replace("'/api/v1/flags/{key}/kill'", "'/api/v1/flags/{key}/stop'"),
    );
    const check = () => run(process.execPath, [join(copy, 'scripts/generate.mjs'), '--check']);
    const stale = await check().catch((error: { code: number; stderr: string }) => error);
    expect(stale).toMatchObject({ code: 1 });
    expect((stale as { stderr: string }).stderr).toContain("src/schema.ts differ from the server's OpenAPI document");
    await run(process.execPath, [join(copy, 'scripts/generate.mjs')]);
    expect(readFileSync(join(copy, 'src/schema.ts'), 'utf8')).toBe(schema);
    await expect(check()).resolves.toBeDefined();
  });

  it('the committed client matches the server', async () => {
    await expect(run(process.execPath, [join(PACKAGE, 'scripts/generate.mjs'), '--check'])).resolves.toBeDefined();
  });
});
