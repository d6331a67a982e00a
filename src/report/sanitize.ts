// Every string that came from an AWS account (names, tags, policies) passes through here
// before it reaches a terminal: no escape sequence from an account reaches the user.

// C0 controls except \n and \t, DEL, C1 controls, and the ESC/CSI/OSC sequences they start.
const ANSI_SEQUENCE =
  // eslint-disable-next-line no-control-regex
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)?|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function sanitize(text: string): string {
  return text.replace(ANSI_SEQUENCE, '').replace(CONTROL, '\uFFFD');
}
