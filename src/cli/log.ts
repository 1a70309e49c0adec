/** Messages to the person at the terminal, on stderr (stdout stays for --format json/junit). */
export interface Log {
  info(line: string): void;
  warn(line: string): void;
}

export function stderrLog(quiet = false): Log {
  return {
    info: (line) => {
      if (!quiet) process.stderr.write(`${line}\n`);
    },
    warn: (line) => process.stderr.write(`${line}\n`),
  };
}
