/**
 * Errors a user can fix (bad YAML, unknown section id, bad date, bad option): typed, naming the
 * file, line and field, and mapped to exit code 2 by the CLI.
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'InputError';
  }

  /** One line: `schools.yaml:12: schools[3].level: … ` */
  override toString(): string {
    const where = this.file ? `${this.file}${this.line ? `:${this.line}` : ''}: ` : '';
    const field = this.field ? `${this.field}: ` : '';
    return `${where}${field}${this.message}`;
  }
}
