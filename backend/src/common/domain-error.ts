export interface FieldError {
  field: string;
  message: string;
}

export interface ErrorSpec {
  status: number;
  title: string;
}

/**
 * Base of every context's typed error. A context declares its codes as a string union and a
 * `Record<Code, ErrorSpec>` (exhaustive by type), so each code has exactly one status and title.
 */
export abstract class DomainError<Code extends string = string> extends Error {
  abstract readonly context: string;
  protected abstract readonly specs: Record<Code, ErrorSpec>;

  constructor(
    readonly code: Code,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? code);
    this.name = new.target.name;
  }

  get spec(): ErrorSpec {
    return this.specs[this.code];
  }
}
