export interface FieldError {
  field: string;
  message: string;
}

export interface ErrorSpec {
  status: number;
  title: string;
}

/** Base of every context's typed error; the global filter maps it to problem+json. */
export abstract class DomainError<Code extends string = string> extends Error {
  abstract readonly context: string;
  protected abstract readonly specs: Record<Code, ErrorSpec>;

  constructor(
    readonly code: Code,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
    /** Members the problem adds (RFC 9457 extensions), e.g. the posts that block a delete. */
    readonly extensions?: Record<string, unknown>,
  ) {
    super(detail ?? code);
    this.name = new.target.name;
  }

  get spec(): ErrorSpec {
    return this.specs[this.code];
  }
}

/**
 * A context's error class from its code table: each code has exactly one status and title, and
 * the codes' type is the table's keys. `class AccessError extends defineErrors('access', {...}) {}`
 */
export function defineErrors<Code extends string>(context: string, specs: Record<Code, ErrorSpec>) {
  return class extends DomainError<Code> {
    readonly context = context;
    protected readonly specs = specs;
  };
}
