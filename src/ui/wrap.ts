// Wrapping to the terminal's width without breaking what a user copies: prose breaks only at
// spaces (an id is never split; one longer than the line gets a line of its own), and a shell
// command breaks only at spaces outside quotes, each broken line ending in " \" so the pasted
// lines are still one command. No Ink import.

/** Words of a shell line, keeping quoted arguments (with their spaces) whole. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quote !== undefined) {
      current += ch;
      if (ch === '\\' && quote === '"' && i + 1 < line.length) current += line[++i];
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      current += ch;
      continue;
    }
    if (ch === '\\' && i + 1 < line.length) {
      current += ch + line[++i];
      continue;
    }
    if (ch === ' ') {
      if (current !== '') words.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  if (current !== '') words.push(current);
  return words;
}

const width = (s: string): number => [...s].length;

/** Prose wrapped at spaces to `columns`; continuation lines start with `indent`. */
export function wrapWords(text: string, columns: number, indent = '', firstIndent = ''): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = firstIndent;
    let empty = true;
    for (const word of paragraph.split(' ').filter((w) => w !== '')) {
      const candidate = empty ? line + word : `${line} ${word}`;
      if (empty || width(candidate) <= columns) line = candidate;
      else {
        lines.push(line);
        // A word longer than the room after the indent (a URL) gets a line of its own, unindented, whole.
        line = width(indent + word) > columns ? word : indent + word;
      }
      empty = false;
    }
    lines.push(line);
  }
  return lines;
}

/**
 * A shell command wrapped to `columns`: breaks only between arguments outside quotes, every line
 * but the last ending in " \", continuation lines indented by `indent` + four spaces. The
 * lines pasted into a shell run the same command as the original line.
 */
export function wrapCommand(command: string, columns: number, prompt = '$ ', indent = ''): string[] {
  const words = shellWords(command);
  const lines: string[] = [];
  const cont = `${indent}    `;
  let line = `${indent}${prompt}`;
  let empty = true;
  for (const word of words) {
    const candidate = empty ? line + word : `${line} ${word}`;
    // Room for the trailing " \" on every line that is not the last.
    if (empty || width(candidate) + 2 <= columns) {
      line = candidate;
      empty = false;
    } else {
      lines.push(`${line} \\`);
      line = cont + word;
    }
  }
  lines.push(line);
  return lines;
}
