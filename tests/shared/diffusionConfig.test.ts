// The diffusion configs: defaults pass their schemas, unknown keys and out-of-range T / step counts are
// rejected by the schema, and set-ups that cannot run (guidance without a conditional model, classifier
// guidance without a noisy classifier, more DDIM steps than T) are reported with the field named.
import { describe, expect, it } from 'vitest';
import { diffusionConfigSchema, diffusionDefaults, diffusionSetupIssues } from '@shared/config/models/diffusionConfig';
import { unetConfigSchema, unetDefaults } from '@shared/config/models/unetConfig';

const issueFields = (over: Partial<typeof diffusionDefaults>, numClasses = 10) =>
  diffusionSetupIssues({ ...diffusionDefaults, ...over }, numClasses, 'diffusion.').map((i) => i.field);

describe('diffusion and UNet configs', () => {
  it('defaults parse; unknown keys, T and step counts out of range are rejected with the path', () => {
    expect(diffusionConfigSchema.parse({})).toEqual(diffusionDefaults);
    expect(unetConfigSchema.parse({})).toEqual(unetDefaults);
    for (const [bad, path] of [[{ steps: 5 }, 'steps'], [{ steps: 5000 }, 'steps'], [{ samplingSteps: 0 }, 'samplingSteps'], [{ eta: 1.5 }, 'eta'], [{ conditionDropout: -0.1 }, 'conditionDropout'], [{ emaDecay: 1 }, 'emaDecay']] as const) {
      const r = diffusionConfigSchema.safeParse(bad);
      expect(r.success).toBe(false);
      expect(r.error!.issues[0].path).toEqual([path]);
    }
    expect(diffusionConfigSchema.safeParse({ guidanceScale: 1 }).success).toBe(false);
    expect(unetConfigSchema.safeParse({ channelMultipliers: [] }).success).toBe(false);
  });

  it('a runnable set-up has no issues; each impossible one names its field', () => {
    expect(issueFields({})).toEqual([]);
    expect(issueFields({ guidance: 'classifier-free' })).toEqual([]);
    expect(issueFields({ guidance: 'classifier-free' }, 0)).toEqual(['diffusion.guidance']);
    expect(issueFields({ guidance: 'classifier-free', conditionDropout: 0 })).toEqual(['diffusion.conditionDropout']);
    expect(issueFields({ guidance: 'classifier', classifierSteps: 0 })).toEqual(['diffusion.classifierSteps']);
    expect(issueFields({ guidance: 'classifier', classifierSteps: 100 }, 0)).toEqual(['diffusion.guidance']);
    expect(issueFields({ guidance: 'classifier', classifierSteps: 100 })).toEqual([]);
    expect(issueFields({ steps: 40, samplingSteps: 50 })).toEqual(['diffusion.samplingSteps']);
    expect(issueFields({ sampler: 'ddpm', steps: 40, samplingSteps: 50 })).toEqual([]);
    expect(issueFields({ betaStart: 0.02, betaEnd: 0.01 })).toEqual(['diffusion.betaEnd']);
    expect(diffusionSetupIssues({ ...diffusionDefaults, guidance: 'classifier' }, 10)[0].message).toMatch(/needs a noisy classifier/);
  });
});
