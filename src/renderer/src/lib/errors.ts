// Errors as the UI keeps them: the plain `{ code, message, details }` payload (never an Error instance in
// reactive state), built from whatever a store action caught.
import { WorkbenchError, type ErrorPayload } from '@shared/errors';

export function toErrorPayload(error: unknown): ErrorPayload {
  return WorkbenchError.from(error).toPayload();
}
