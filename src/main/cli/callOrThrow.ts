// The CLI calls the core through the same validating router as the UI, and turns errors back into throws.
import type { ApiInput, ApiMethod, ApiOutput } from '@shared/contract/api';
import { WorkbenchError } from '@shared/errors';
import type { Workbench } from '../core/workbench';

export async function callOrThrow<M extends ApiMethod>(workbench: Workbench, method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const result = await workbench.invoke(method, input);
  if (!result.ok) throw WorkbenchError.from(result.error);
  return result.value as ApiOutput<M>;
}
