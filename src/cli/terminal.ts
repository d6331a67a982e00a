// Decide interactivity before mounting anything: a wizard needs a terminal on both ends, and
// Ink treats a set CI variable as non-interactive (it would draw only the last frame).
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

export function terminalSupportsPrompting(): boolean {
  return process.stdin.isTTY === true && process.stdout.isTTY === true && !isCi();
}
