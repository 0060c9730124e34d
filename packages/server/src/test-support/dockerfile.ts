export interface DockerInstruction {
  /** Upper case: `FROM`, `RUN`, `USER`… */
  keyword: string;
  /** The rest of the instruction, continuation lines joined. */
  args: string;
  /** Which build stage (0-based, counted by `FROM`) the instruction is in; -1 before the first. */
  stage: number;
}

/**
 * Reads a Dockerfile into its instructions: comments and blank lines dropped, lines ending in
 * a backslash joined. Enough to check what an image declares, not a full parser.
 *
 * @example
 * parseDockerfile('FROM node:20\nUSER 1000').at(-1); // { keyword: 'USER', args: '1000', stage: 0 }
 */
export function parseDockerfile(text: string): DockerInstruction[] {
  const instructions: DockerInstruction[] = [];
  let stage = -1;
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (pending === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    const whole = `${pending}${line}`.trim();
    pending = '';
    const match = /^(\S+)\s*(.*)$/.exec(whole);
    if (match?.[1] === undefined) continue;
    const keyword = match[1].toUpperCase();
    if (keyword === 'FROM') stage++;
    instructions.push({ keyword, args: match[2] ?? '', stage });
  }
  return instructions;
}
