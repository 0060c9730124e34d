import { styleText } from 'node:util';

type Style = Parameters<typeof styleText>[0];

/** Colours on a terminal, never in a pipe or with `NO_COLOR`; `FORCE_COLOR` forces them. */
export function colorsWanted(
  stream: NodeJS.WriteStream,
  env: Record<string, string | undefined> = process.env,
): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export type Paint = (style: Style, text: string) => string;

export function painter(enabled: boolean): Paint {
  return enabled ? (style, text) => styleText(style, text, { validateStream: false }) : (_style, text) => text;
}
