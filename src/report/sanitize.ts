// Every string that reaches a terminal passes through here, whatever its source: AWS (names,
// tags, policies), files a user was handed (answers, ids, versions, paths) and the error
// messages that quote them. No escape sequence, carriage return or bidirectional override
// from any of them reaches the user's terminal.

// C0 controls except \n and \t, DEL, C1 controls, and the ESC/CSI/OSC sequences they start.
const ANSI_SEQUENCE =
  // eslint-disable-next-line no-control-regex
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)?|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]|\u009d[^\u0007\u001b\u009c]*(\u0007|\u001b\\|\u009c)?/g;
// C0 controls except \n and \t (so CR too), DEL, C1 controls, and the bidirectional embeddings,
// overrides and isolates that reorder what a line appears to say (Trojan Source, CVE-2021-42574).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function sanitize(text: string): string {
  return text.replace(ANSI_SEQUENCE, '').replace(CONTROL, '\uFFFD');
}

// JSON.stringify escapes C0 but writes DEL, C1, the bidi controls and the line/paragraph
// separators raw; a terminal showing the JSON would act on them.
const JSON_UNSAFE = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** JSON text that is the same value, with every character a terminal could act on as a \u escape. */
export function terminalSafeJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(
    JSON_UNSAFE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
