import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { DomainError } from './domain-error';
import { Problem, PROBLEM_CONTENT_TYPE, problemType } from './problem';

/**
 * Turns every failure into problem+json. Domain errors map through their context's spec;
 * unknown errors are logged once and answered with a generic 500 that leaks nothing.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const { problem, headers } = this.toProblem(error, request);
    if (reply.sent) return;
    reply.headers(headers).status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(error: unknown, request: FastifyRequest): { problem: Problem; headers: Record<string, string> } {
    if (error instanceof DomainError) {
      const { status, title } = error.spec;
      return {
        problem: {
          type: problemType(error.code),
          title,
          status,
          code: error.code,
          ...(error.detail ? { detail: error.detail } : {}),
          ...(error.errors?.length ? { errors: error.errors } : {}),
          ...error.extensions,
        },
        headers: error.headers ?? {},
      };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const code = HttpStatus[status] ?? 'HTTP_ERROR';
      const detail =
        status === 404 ? `No route for ${request.method} ${request.url.split('?')[0]}` : (error.message ?? undefined);
      return {
        problem: { type: problemType(code), title: titleFor(status), status, code, detail },
        headers: {},
      };
    }
    const column = notNullColumn(error);
    if (column) {
      const message = 'must not be null';
      return {
        problem: {
          type: problemType('VALIDATION'),
          title: 'The request has invalid fields',
          status: 400,
          code: 'VALIDATION',
          detail: `${column}: ${message}`,
          errors: [{ field: column, message }],
        },
        headers: {},
      };
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return {
      problem: {
        type: problemType('INTERNAL'),
        title: 'Something went wrong on our side',
        status: 500,
        code: 'INTERNAL',
      },
      headers: {},
    };
  }
}

function titleFor(status: number): string {
  const name = HttpStatus[status];
  if (!name) return 'Request failed';
  return name.charAt(0) + name.slice(1).toLowerCase().replace(/_/g, ' ');
}

/**
 * The column a write left null against its NOT NULL constraint, if that is what failed. A DTO's
 * `@IsOptional()` lets `null` through as well as an absent field; where a field may be omitted but
 * not cleared (`PATCH {name: null}`), the database is the last word, and it is the sender's
 * mistake: 400 naming the field (our columns are named as the API's fields), never a 500.
 */
function notNullColumn(error: unknown): string | null {
  if (!(error instanceof QueryFailedError)) return null;
  const driverError = error.driverError as { code?: string; column?: string; message?: string } | undefined;
  if (driverError?.code === '23502') return driverError.column ?? null; // PostgreSQL not_null_violation
  const sqlite = /^NOT NULL constraint failed: \w+\.(\w+)$/.exec(driverError?.message ?? '');
  return sqlite ? sqlite[1] : null;
}
