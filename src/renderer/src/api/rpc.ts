// Shared by both transports: unwrap an RpcResponse envelope into the method's validated output, or throw
// a WorkbenchError carrying the server's code, message and details; and validate pushed events.
import { api, type ApiMethod, type ApiOutput } from '@shared/contract/api';
import { workbenchEventSchema, type WorkbenchEvent } from '@shared/contract/events';
import { WorkbenchError, describeZodIssues } from '@shared/errors';

function isEnvelope(value: unknown): value is { ok: boolean; value?: unknown; error?: unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/** Returns the output of `method` from its envelope (validated against the contract) or throws. */
export function unwrapRpc<M extends ApiMethod>(method: M, response: unknown): ApiOutput<M> {
  if (!isEnvelope(response)) {
    throw new WorkbenchError('internal', `The answer to ${method} is not an RPC envelope`, { response });
  }
  if (!response.ok) throw WorkbenchError.from(response.error);
  // Each method's output schema; typed loosely here because the map's union of schemas is not callable.
  const schema = api[method].output as unknown as {
    safeParse(value: unknown): { success: true; data: unknown } | { success: false; error: { issues: Parameters<typeof describeZodIssues>[0] } };
  };
  const parsed = schema.safeParse(response.value);
  if (!parsed.success) {
    throw new WorkbenchError(
      'internal',
      `The answer to ${method} does not match the contract: ${describeZodIssues(parsed.error.issues)}`,
    );
  }
  return parsed.data as ApiOutput<M>;
}

/** Validates one pushed event; an invalid one is reported on the console and dropped. */
export function parseEvent(raw: unknown): WorkbenchEvent | null {
  const parsed = workbenchEventSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  console.warn(`Dropped an event that does not match the contract: ${describeZodIssues(parsed.error.issues)}`, raw);
  return null;
}

/** A small fan-out list of listeners (events, connection changes). */
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();
  add(listener: (value: T) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }
  emit(value: T): void {
    for (const listener of [...this.set]) {
      try {
        listener(value);
      } catch (error) {
        console.error('A workbench event listener threw', error);
      }
    }
  }
  get size(): number {
    return this.set.size;
  }
}
