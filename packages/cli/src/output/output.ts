import { colorsWanted, painter, type Paint } from './style.js';
import { spin } from './spinner.js';
import { renderTable } from './table.js';

/** Where a command writes: JSON on stdout for machines, or text, tables and colours for people. */
export interface Output {
  readonly json: boolean;
  readonly paint: Paint;
  /** With `--json`: the value as JSON on stdout; else nothing. */
  data(value: unknown): void;
  /** With `--json`: the value as one line of JSON (NDJSON, for what streams); else nothing. */
  jsonLine(value: unknown): void;
  /** Without `--json`: a line of text on stdout. */
  line(text?: string): void;
  /** Without `--json`: a table on stdout. */
  table(header: readonly string[], rows: readonly (readonly string[])[]): void;
  /** A note for people, on stderr (never mixed into `--json` output). */
  note(text: string): void;
  /** Runs `work` with a spinner on stderr when it is a terminal. */
  progress<T>(text: string, work: () => Promise<T>): Promise<T>;
}

export function createOutput(
  json: boolean,
  stdout: NodeJS.WriteStream = process.stdout,
  stderr: NodeJS.WriteStream = process.stderr,
): Output {
  const paint = painter(!json && colorsWanted(stdout));
  const interactive = stderr.isTTY === true;
  let spinning = false;
  return {
    json,
    paint,
    data: (value) => {
      if (json) stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    },
    jsonLine: (value) => {
      if (json) stdout.write(`${JSON.stringify(value)}\n`);
    },
    line: (text = '') => {
      if (!json) stdout.write(`${text}\n`);
    },
    table: (header, rows) => {
      if (!json)
        stdout.write(
          renderTable(
            header.map((title) => paint('bold', title)),
            rows,
          ),
        );
    },
    note: (text) => stderr.write(`${text}\n`),
    progress: async (text, work) => {
      // One spinner at a time: work inside work (a read inside "applying") shows the outer one.
      if (!interactive || spinning) return work();
      spinning = true;
      try {
        return await spin(stderr, text, work);
      } finally {
        spinning = false;
      }
    },
  };
}
