import { RampartApiError } from '@rampart/api-client';
import { CommanderError } from 'commander';
import { CliError, WithExitCode } from './cli-error.js';
import { DryRunStop } from './dry-run.js';
import { EXIT } from './exit-codes.js';
import { createProgram, exitCodeOf } from './program.js';

/**
 * Runs the command line `argv` (as `process.argv`) and resolves with the exit code; every
 * failure is reported on stderr as one message with what to do, never as a stack trace.
 */
export async function run(argv: readonly string[]): Promise<number> {
  let chosen: { load: () => Promise<(args: string[], o: Record<string, unknown>) => Promise<unknown>> } | undefined;
  let args: string[] = [];
  let options: Record<string, unknown> = {};
  const program = createProgram((load, positional, merged) => {
    chosen = { load };
    args = positional;
    options = merged;
  });
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) return exitCodeOf(error);
    throw error;
  }
  if (chosen === undefined) return EXIT.ok;
  const json = options.json === true;
  try {
    const handler = await chosen.load();
    const code = await handler(args, options);
    return typeof code === 'number' ? code : EXIT.ok;
  } catch (error) {
    if (error instanceof DryRunStop) return EXIT.ok;
    const report =
      error instanceof WithExitCode ? { ...describe(error.cause), exitCode: error.exitCode } : describe(error);
    if (json) {
      process.stderr.write(`${JSON.stringify({ error: report })}\n`);
    } else {
      process.stderr.write(`error: ${report.message}\n`);
      for (const detail of report.details) {
        const line = `${detail.path}: ${detail.message}`;
        if (!report.message.endsWith(line)) process.stderr.write(`  ${line}\n`);
      }
      if (report.hint !== undefined) process.stderr.write(`hint: ${report.hint}\n`);
    }
    return report.exitCode;
  }
}

interface Report {
  message: string;
  code?: string;
  status?: number;
  details: { path: string; message: string }[];
  hint?: string;
  exitCode: number;
}

function describe(error: unknown): Report {
  if (error instanceof CliError) {
    const code = error.options.code === undefined ? {} : { code: error.options.code };
    return { message: error.message, ...code, details: [], hint: error.options.hint, exitCode: error.exitCode };
  }
  if (error instanceof RampartApiError) {
    return {
      message: error.message,
      code: error.code,
      status: error.status,
      details: error.details.map(({ path, message }) => ({ path, message })),
      hint: hintFor(error),
      exitCode: EXIT.failed,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message, details: [], exitCode: EXIT.failed };
}

function hintFor(error: RampartApiError): string | undefined {
  switch (error.code) {
    case 'unreachable':
      return 'check the URL (`rampart profiles`, or RAMPART_URL) and that the server is up';
    case 'unauthorized':
      return 'the token was refused: run `rampart login --url <url>` again, or check RAMPART_TOKEN';
    case 'forbidden':
      return 'your role cannot do this here; ask an admin (docs/people.md)';
    case 'rate_limited':
      return 'wait a moment and try again';
    default:
      return undefined;
  }
}
