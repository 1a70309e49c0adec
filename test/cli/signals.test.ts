import { describe, expect, it } from 'vitest';
import { watchStopSignals } from '../../src/cli/signals.js';

describe('stop signals', () => {
  it('asks the run to stop on the first SIGTERM and exits with code 3 on a second signal', () => {
    const listeners = process.listenerCount('SIGINT');
    const heard: string[] = [];
    const exits: number[] = [];
    const stop = watchStopSignals(
      (name) => heard.push(name),
      ((code: number) => {
        exits.push(code);
        return undefined as never;
      }) as (code: number) => never,
    );
    try {
      expect(stop.signal.aborted).toBe(false);
      process.emit('SIGTERM', 'SIGTERM');
      expect(stop.signal.aborted).toBe(true);
      expect(stop.signal.reason).toBe('SIGTERM');
      expect(heard).toEqual(['SIGTERM']);
      expect(exits).toEqual([]);
      process.emit('SIGINT', 'SIGINT');
      expect(exits).toEqual([3]);
      expect(heard).toEqual(['SIGTERM']);
    } finally {
      stop.dispose();
    }
    expect(process.listenerCount('SIGINT')).toBe(listeners);
  });
});
