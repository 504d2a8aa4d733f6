// Option of the student's training curves (x = student step): test accuracy, agreement with the supervisor on
// the test items it got right and on those it got wrong, agreement with the weak labels of the validation
// slice (the selection criterion) and the training loss on a second axis; vertical marks at the early-stop
// step (selected on weak labels), the oracle-best step (validation ground truth, a marker only) and where
// training stopped. Students that imitate weak errors late in training show it as the wrong-item agreement
// rising while test accuracy falls.
import type { LineSeriesOption } from 'echarts/charts';
import type { WeakToStrongCurves } from '../../contract/weakToStrongArtifacts';
import type { ChartOption } from '../chartOption';
import { escapeHtml } from '../escape';
import { formatNumber } from '../numberFormat';
import { axisColor, gridLineColor } from '../palette';
import { roleColors } from './palette';

export interface CurveMarker {
  name: string;
  step: number;
  color: string;
}

/** The vertical markers, in drawing order; a stop at the last step is not marked. */
export function curveMarkers(c: WeakToStrongCurves): CurveMarker[] {
  const out: CurveMarker[] = [];
  if (c.earlyStopStep !== null) out.push({ name: 'early stop (weak labels)', step: c.earlyStopStep, color: '#111827' });
  if (c.oracleBestStep !== null) out.push({ name: 'oracle best (ground truth)', step: c.oracleBestStep, color: '#b07aa1' });
  if (c.stoppedAtStep < c.totalSteps) out.push({ name: 'stopped', step: c.stoppedAtStep, color: '#9ca3af' });
  return out;
}

export function buildStudentCurvesOption(c: WeakToStrongCurves): ChartOption {
  const line = (name: string, values: ReadonlyArray<number | null>, color: string, extra: Partial<LineSeriesOption> = {}): LineSeriesOption => ({
    type: 'line',
    name,
    data: c.steps.map((s, i) => [s, values[i] ?? null]),
    showSymbol: c.steps.length <= 40,
    symbolSize: 4,
    connectNulls: false,
    lineStyle: { width: 1.6, color, ...(extra.lineStyle as object | undefined) },
    itemStyle: { color },
    emphasis: { disabled: true },
    ...extra,
  });
  const markers = curveMarkers(c);
  const accuracy = line('test accuracy', c.testAccuracy, roleColors.student, {
    markLine: {
      silent: true,
      symbol: 'none',
      label: { show: true, position: 'insideEndTop', fontSize: 10, formatter: (p: { name?: string }) => p.name ?? '' },
      data: markers.map((m) => ({ name: m.name, xAxis: m.step, lineStyle: { color: m.color, type: 'dashed', width: 1.2 } })),
    },
  });
  const series: LineSeriesOption[] = [
    accuracy,
    line('agree | sup. right', c.agreementSupervisorRight, '#59a14f'),
    line('agree | sup. wrong', c.agreementSupervisorWrong, '#e15759'),
    line('validation agreement (weak labels)', c.validationAgreement, '#6b7280', { lineStyle: { type: 'dashed' } }),
    line('loss', c.loss, '#bab0ac', { yAxisIndex: 1, lineStyle: { width: 1.2 } }),
  ];
  return {
    animation: false,
    grid: { left: 48, right: 52, top: 40, bottom: 36 },
    legend: { top: 0, textStyle: { fontSize: 10 }, itemWidth: 14, itemHeight: 8 },
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (raw: unknown) => {
        const list = (Array.isArray(raw) ? raw : [raw]) as Array<{ seriesName?: string; value?: [number, number | null]; color?: string }>;
        const step = list[0]?.value?.[0];
        const lines = [`student step ${step ?? '?'}`];
        for (const p of list) {
          const v = p.value?.[1];
          lines.push(`<span style="color:${p.color ?? '#000'}">●</span> ${escapeHtml(p.seriesName ?? '')}: <b>${v === null || v === undefined ? '–' : formatNumber(v)}</b>`);
        }
        for (const m of markers) if (m.step === step) lines.push(`<i>${escapeHtml(m.name)}</i>`);
        return lines.join('<br/>');
      },
    },
    xAxis: { type: 'value', min: 0, max: Math.max(c.totalSteps, ...c.steps, 1), name: 'student step', nameLocation: 'middle', nameGap: 22, axisLabel: { fontSize: 10 }, axisLine: { lineStyle: { color: axisColor } }, splitLine: { show: false } },
    yAxis: [
      { type: 'value', min: 0, max: 1, name: 'accuracy / agreement', nameLocation: 'middle', nameGap: 34, axisLabel: { fontSize: 10 }, splitLine: { lineStyle: { color: gridLineColor } } },
      { type: 'value', name: 'loss (nats)', nameLocation: 'middle', nameGap: 36, axisLabel: { fontSize: 10 }, splitLine: { show: false } },
    ],
    series,
  };
}
