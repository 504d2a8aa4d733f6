// The guidance sweep chart: one point per swept value on a category axis labelled w or γ, FID on its own axis,
// the [0, 1] metrics (classes covered as a share of the classes) on the other, and gaps where a metric is null.
import { describe, expect, it } from 'vitest';
import { guidanceSweepOption, guidanceValueLabel } from '@shared/charts/guidanceSweepOption';
import { guidanceSweepSchema, type GuidanceSweep } from '@shared/contract/neuralArtifacts';

const grid = { format: 'sample-grid/1', step: 9, count: 0, height: 28, width: 28, channels: 1, pixels: '', labels: [], predicted: null, classNames: null, lambda: 1 };
const entry = (value: number, fid: number, accuracy: number | null, classesCovered: number) => ({
  value, lambda: 1 / (1 + value), grid, metrics: { fid, precision: 0.5, recall: 0.4, classesCovered, accuracy }, seconds: 1,
});
const sweep: GuidanceSweep = guidanceSweepSchema.parse({
  format: 'guidance-sweep/1', step: 9, guidance: 'classifier-free', samples: 10, sampler: 'DDIM 3 steps, η = 0',
  entries: [entry(0, 80, 0.3, 10), entry(2, 60, null, 5)], warnings: [],
});

describe('guidanceSweepOption', () => {
  it('plots every metric against the swept values, FID on the left axis and shares on the right', () => {
    const option = guidanceSweepOption(sweep, 10) as { xAxis: { data: string[] }; series: Array<{ name: string; yAxisIndex: number; data: Array<number | null> }> };
    expect(option.xAxis.data).toEqual(['w = 0', 'w = 2']);
    const byName = Object.fromEntries(option.series.map((s) => [s.name, s]));
    expect(byName.FID).toMatchObject({ yAxisIndex: 0, data: [80, 60] });
    expect(byName.accuracy).toMatchObject({ yAxisIndex: 1, data: [0.3, null] });
    expect(byName['classes covered (share)'].data).toEqual([1, 0.5]);
    expect(guidanceValueLabel({ guidance: 'classifier' }, 3)).toBe('γ = 3');
  });

  it('draws only the chosen metrics, in a fixed colour each, and hides the axis none of them uses', () => {
    type Option = { legend: { data: string[] }; yAxis: Array<{ show: boolean }>; series: Array<{ name: string; color: string }> };
    const all = guidanceSweepOption(sweep, 10) as Option;
    const some = guidanceSweepOption(sweep, 10, ['classesCovered', 'recall']) as Option;
    expect(some.legend.data).toEqual(['recall', 'classes covered (share)']);
    expect(some.yAxis.map((a) => a.show)).toEqual([false, true]);
    const colour = (o: Option, name: string) => o.series.find((s) => s.name === name)!.color;
    expect(colour(some, 'recall')).toBe(colour(all, 'recall'));
    expect(colour(some, 'classes covered (share)')).toBe(colour(all, 'classes covered (share)'));
    expect((guidanceSweepOption(sweep, 10, ['fid']) as Option).yAxis.map((a) => a.show)).toEqual([true, false]);
  });

  it('the artifact schema refuses a metric it does not know', () => {
    const bad = { ...sweep, entries: [{ ...sweep.entries[0], metrics: { ...sweep.entries[0].metrics, kid: 1 } }] };
    expect(guidanceSweepSchema.safeParse(bad).success).toBe(false);
  });
});
