// Typed errors shared by every layer: a stable `code`, a message a researcher understands, and plain-data
// `details`. Only the plain payload crosses process boundaries; `WorkbenchError.from` rebuilds it.
import { z } from 'zod';

export const errorCodes = [
  'invalid-input', // a payload, config or file failed validation (details.issues says where)
  'not-found', // an id that does not exist
  'conflict', // the action does not fit the current state (e.g. resuming a completed run)
  'unauthorized', // serve mode: missing or wrong token
  'database-too-new', // the workspace database was written by a newer version of the workbench
  'job-failed', // a job process crashed or reported an error
  'unavailable', // a capability is missing here (e.g. no Electron binary)
  'internal', // a bug: anything not classified above
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const errorPayloadSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorPayload = z.infer<typeof errorPayloadSchema>;

export class WorkbenchError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'WorkbenchError';
    this.code = code;
    this.details = details;
  }

  toPayload(): ErrorPayload {
    return { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) };
  }

  /** Wraps anything thrown into a WorkbenchError, keeping typed errors as they are. */
  static from(error: unknown): WorkbenchError {
    if (error instanceof WorkbenchError) return error;
    const parsed = errorPayloadSchema.safeParse(error);
    if (parsed.success) return new WorkbenchError(parsed.data.code, parsed.data.message, parsed.data.details);
    if (error instanceof Error) return new WorkbenchError('internal', error.message, { stack: error.stack });
    return new WorkbenchError('internal', String(error));
  }
}

/** Formats zod issues as "field.path: problem" lines, so a message names the field that is wrong. */
export function describeZodIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Parses `value` with `schema`, or throws an `invalid-input` error that names `what` and each bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new WorkbenchError('invalid-input', `${what} is invalid: ${describeZodIssues(result.error.issues)}`, {
    issues: result.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
  });
}
