/** A field-level problem, addressed by a dotted path into the input. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** Base class of errors the domain raises on purpose; each maps to one HTTP status. */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly type: string;
  constructor(
    message: string,
    readonly errors: FieldProblem[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  readonly status = 400;
  readonly type = 'validation-failed';
}
export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly type = 'not-found';
}
export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly type = 'forbidden';
}
export class ConflictError extends DomainError {
  readonly status = 409;
  readonly type = 'conflict';
}
export class PreconditionFailedError extends DomainError {
  readonly status = 412;
  readonly type = 'precondition-failed';
}
export class PreconditionRequiredError extends DomainError {
  readonly status = 428;
  readonly type = 'precondition-required';
}
