import stringWidth from 'string-width';

/**
 * Columns padded to their widest cell, two spaces apart, as `kubectl get` prints them. Widths
 * are measured on screen (string-width), so keys in any script line up, colours included.
 *
 * @example
 * renderTable(['KEY', 'production'], [['new-checkout', 'on: everyone 5 %']]);
 */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(stringWidth(title), ...rows.map((row) => stringWidth(row[column] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : pad(cell, widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

function pad(cell: string, width: number): string {
  return cell + ' '.repeat(Math.max(0, width - stringWidth(cell)));
}
