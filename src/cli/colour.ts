// Colour decided in one place for every mode: FORCE_COLOR wins (0 or false: none), then
// NO_COLOR (any non-empty value: none), then whether the stream is a terminal.
// https://no-color.org · https://force-color.org
export function colourEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return !['0', 'false'].includes(force.toLowerCase());
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true;
}

/** Before Ink (and its chalk) loads: pin its colour level to our decision. */
export function pinColourForInk(env: NodeJS.ProcessEnv = process.env): void {
  env.FORCE_COLOR = colourEnabled(process.stdout, env) ? env.FORCE_COLOR || '1' : '0';
}
