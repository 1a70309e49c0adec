/** Exit codes (SPEC "Command line"). */
export const EXIT = {
  /** Nothing at or above --fail-on. */
  ok: 0,
  /** Compliance findings at or above --fail-on. */
  findings: 1,
  /** Bad input: configuration, rule pack, arguments. */
  input: 2,
  /** The run itself failed. */
  runFailed: 3,
} as const;
