// Formatting of ETA, progress and numbers as the run list and charts show them.
import { describe, expect, it } from 'vitest';
import { formatEta, formatNumber, formatPercent, formatQueuePosition, progressFraction } from '../../src/renderer/src/lib/format';

describe('formatEta', () => {
  it('reads like "ETA 1m 20s"', () => {
    expect(formatEta(80)).toBe('ETA 1m 20s');
    expect(formatEta(45.4)).toBe('ETA 45s');
    expect(formatEta(0)).toBe('ETA 0s');
    expect(formatEta(3600 + 5 * 60 + 9)).toBe('ETA 1h 05m');
  });
  it('says it does not know yet', () => {
    expect(formatEta(null)).toBe('ETA …');
    expect(formatEta(undefined)).toBe('ETA …');
  });
});

describe('progress', () => {
  it('is a clamped fraction', () => {
    expect(progressFraction({ step: 5, total: 20, etaSeconds: null })).toBe(0.25);
    expect(progressFraction({ step: 3, total: 0, etaSeconds: null })).toBe(0);
    expect(progressFraction(null)).toBe(0);
    expect(formatPercent(0.257)).toBe('25%');
  });
  it('numbers queue positions from 1', () => {
    expect(formatQueuePosition(0)).toBe('queued #1');
    expect(formatQueuePosition(1)).toBe('queued #2');
  });
});

describe('formatNumber', () => {
  it('keeps 4 significant digits and switches to exponents at the extremes', () => {
    expect(formatNumber(1.234567)).toBe('1.235');
    expect(formatNumber(100)).toBe('100');
    expect(formatNumber(0.0001234)).toBe('1.234e-4');
    expect(formatNumber(12_345_678)).toBe('1.235e+7');
    expect(formatNumber(null)).toBe('–');
    expect(formatNumber(Number.NaN)).toBe('NaN');
  });
});

describe('countOf', () => {
  it('puts the noun in the right number', async () => {
    const { countOf } = await import('../../src/renderer/src/lib/format');
    expect(countOf(1, 'run')).toBe('1 run');
    expect(countOf(0, 'run')).toBe('0 runs');
    expect(countOf(3, 'dataset')).toBe('3 datasets');
  });
});
