import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const run = promisify(execFile);

describe('the rampart bin', () => {
  it('runs with npx from the repository root after the build', async () => {
    const { stdout } = await run('npx', ['--no-install', 'rampart', '--version'], { cwd: ROOT });
    expect(stdout).toBe(`${packageJson.version}\n`);
  });

  it('documents the exit codes in --help', async () => {
    const { stdout } = await run('npx', ['--no-install', 'rampart', '--help'], { cwd: ROOT });
    expect(stdout).toContain('Exit codes:\n  0   done; eval: the flag is on; plan: nothing to change');
    expect(stdout).toContain('64  the command line is wrong');
    for (const command of ['login', 'flags', 'kill', 'revive', 'ramp', 'release', 'audit', 'watch', 'eval', 'keys']) {
      expect(stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
    for (const command of ['triggers', 'export', 'plan', 'apply', 'schema']) {
      expect(stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
  });
});
