// Hand-written rather than taken from a spinner package: the small ones decide whether to animate
// from stdout rather than from the stream they draw on (so `rampart apply --json > out.json` on a
// terminal would get spinner lines in stderr), and install their own SIGINT handlers.
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const INTERVAL_MS = 80;

/**
 * Draws `text` after a turning frame on `stream` (a terminal) until `work` settles, then erases
 * the line. The first frame is drawn only after 150 ms, so quick answers do not flicker.
 */
export async function spin<T>(stream: NodeJS.WriteStream, text: string, work: () => Promise<T>): Promise<T> {
  let frame = 0;
  let drawn = false;
  const draw = () => {
    stream.write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${text}`);
    drawn = true;
  };
  let timer = setTimeout(function tick() {
    draw();
    timer = setTimeout(tick, INTERVAL_MS);
  }, 150);
  try {
    return await work();
  } finally {
    clearTimeout(timer);
    if (drawn) stream.write('\r\x1b[2K');
  }
}
