// A progress bar on stderr for long builds: redrawn in place on a terminal, one line per tenth
// otherwise (CI logs stay short). Nothing goes to stdout, which stays machine-readable.

/** A bar for one job; `update` takes the core's progress callbacks, `done` ends the line. */
export interface ProgressBar {
  update(fraction: number, label: string): void;
  done(note?: string): void;
}

/** A bar titled `title` on `stream` (default stderr). */
export function progressBar(title: string, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  const width = 30;
  let lastTenth = -1;
  let lastDrawn = "";
  const tty = stream.isTTY === true;
  return {
    update(fraction, label) {
      const f = Math.min(1, Math.max(0, fraction));
      const pct = `${Math.floor(f * 100)}`.padStart(3);
      if (tty) {
        const filled = Math.round(f * width);
        const line = `\r${title} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${pct}% ${label}`;
        if (line !== lastDrawn) stream.write(`${line}\x1b[K`);
        lastDrawn = line;
      } else {
        const tenth = Math.floor(f * 10);
        if (tenth > lastTenth) {
          lastTenth = tenth;
          stream.write(`${title} ${pct}% ${label}\n`);
        }
      }
    },
    done(note = "done") {
      stream.write(tty ? `\r${title} ${note}\x1b[K\n` : `${title} ${note}\n`);
    },
  };
}
