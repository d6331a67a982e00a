// The one keyboard binding: every chunk the terminal sends is split into single keys
// (src/ui/keys.ts) and each is handed to the store in order. Active only where raw mode
// exists, so a non-TTY never crashes with "Raw mode is not supported".
import { useEffect } from 'react';
import { useStdin } from 'ink';
import { splitKeys, type Key } from './keys.js';

export function useKeys(onKey: (key: Key) => void, active = true): void {
  const { setRawMode, isRawModeSupported, internal_eventEmitter } = useStdin();
  const enabled = active && isRawModeSupported;
  useEffect(() => {
    if (!enabled) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [enabled, setRawMode]);
  useEffect(() => {
    if (!enabled) return;
    const handle = (data: string): void => {
      for (const key of splitKeys(data)) onKey(key);
    };
    internal_eventEmitter.on('input', handle);
    return () => {
      internal_eventEmitter.removeListener('input', handle);
    };
  }, [enabled, internal_eventEmitter, onKey]);
}

/** The terminal's width, following resizes. */
export function columnsOf(stdout: NodeJS.WriteStream): number {
  return Math.max(40, stdout.columns || 80);
}
