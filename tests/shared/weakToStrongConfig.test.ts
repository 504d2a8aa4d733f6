// The weak-to-strong config: trainer defaults measured to converge (Adam 3e-3, batch 100, cosine, 500 steps; the weak
// model 1 200 steps), a logistic weak model and
// a small-CNN strong one by default, strict keys and range checks that name the field.
import { describe, expect, it } from 'vitest';
import { experimentConfigSchema, experimentKinds } from '@shared/config/experimentKinds';
import { weakToStrongDefaults, weakToStrongParamsSchema } from '@shared/config/weakToStrong';

describe('weak-to-strong config', () => {
  it('defaults: Shapes-10, logistic → small CNN, naive on soft labels, converging trainer settings', () => {
    const parsed = experimentConfigSchema.parse({ kind: 'weak-to-strong', params: {} });
    expect(parsed.params).toEqual(weakToStrongDefaults);
    expect(weakToStrongDefaults).toMatchObject({
      dataset: 'builtin-shapes10', 'weak.architecture': 'logistic', 'strong.architecture': 'small-cnn', method: 'naive',
      labelKind: 'soft', validationFraction: 0.1, seeds: 3, pgrMinGap: 0.03, bootstrapResamples: 1000,
      'trainer.optimizer': 'adam', 'trainer.learningRate': 0.003, 'trainer.batchSize': 100, 'trainer.schedule': 'cosine', 'trainer.beta1': 0.9,
      'trainer.lengthUnit': 'steps', 'trainer.length': 500, weakLength: 1200,
    });
    expect(Object.keys(experimentKinds['weak-to-strong'].fields)).not.toContain('weak.numClasses');
  });

  it('rejects unknown keys and out-of-range values, naming the field', () => {
    const unknown = weakToStrongParamsSchema.safeParse({ 'weak.nope': 1 });
    expect(unknown.success).toBe(false);
    expect(JSON.stringify(unknown.error?.issues)).toMatch(/weak\.nope/);
    const range = weakToStrongParamsSchema.safeParse({ validationFraction: 0.9 });
    expect(range.success).toBe(false);
    expect(range.error?.issues[0].path).toEqual(['validationFraction']);
    const method = weakToStrongParamsSchema.safeParse({ method: 'magic' });
    expect(method.error?.issues[0].path).toEqual(['method']);
  });
});
