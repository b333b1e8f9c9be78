/** Progress bars on stderr, only on a terminal and never with --quiet or --json. */
import cliProgress from "cli-progress";

export interface Progress {
  phase(name: string): void;
  update(fraction: number): void;
  stop(): void;
}

const silent: Progress = { phase() {}, update() {}, stop() {} };

export function createProgress(enabled: boolean): Progress {
  if (!enabled || !process.stderr.isTTY) return silent;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: "{phase} [{bar}] {percentage}% | {duration_formatted}",
      hideCursor: true,
      clearOnComplete: true,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    phase(name) {
      bar.start(1000, 0, { phase: name.padEnd(9) });
      started = true;
    },
    update(fraction) {
      if (started) bar.update(Math.round(Math.min(1, fraction) * 1000));
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
