/**
 * SIGINT / SIGTERM during a run: the first asks the run to stop cleanly (finish writing what is done),
 * a second one ends the process at once — a person pressing Ctrl+C twice means it.
 */
import { EXIT } from './exit-codes.js';

export interface StopSignals {
  /** Aborted on the first SIGINT or SIGTERM; its reason is the signal's name. */
  signal: AbortSignal;
  /** Remove the handlers (the run is over). */
  dispose(): void;
}

export function watchStopSignals(onFirst: (name: NodeJS.Signals) => void, exit: (code: number) => never = process.exit): StopSignals {
  const stop = new AbortController();
  const handler = (name: NodeJS.Signals) => {
    if (stop.signal.aborted) return exit(EXIT.runFailed);
    stop.abort(name);
    onFirst(name);
  };
  const names: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  for (const n of names) process.on(n, handler);
  return {
    signal: stop.signal,
    dispose: () => {
      for (const n of names) process.off(n, handler);
    },
  };
}
