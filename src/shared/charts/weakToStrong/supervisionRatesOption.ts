// Option of the small bar chart of how the student relates to its supervisor on the test split: agreement
// overall and split by whether the supervisor was right, and the inherited / corrected / new-error rates
// (each conditional, see WeakToStrongComparison.rates). A rate that is undefined (no such items) has no bar.
import type { BarSeriesOption } from 'echarts/charts';
import type { WeakToStrongComparison } from '../../contract/weakToStrongArtifacts';
import type { ChartOption } from '../chartOption';
import { escapeHtml } from '../escape';
import { gridLineColor } from '../palette';

export interface SupervisionBar {
  key: string;
  label: string;
  /** Fraction in [0, 1], or null when undefined. */
  value: number | null;
  hint: string;
  color: string;
}

/** The six bars in display order. */
export function supervisionBars(c: Pick<WeakToStrongComparison, 'agreement' | 'rates'>): SupervisionBar[] {
  return [
    { key: 'agreement', label: 'agreement', value: c.agreement.overall, hint: 'student = supervisor, all test items', color: '#6b7280' },
    { key: 'agreementSupervisorRight', label: 'agree | sup. right', value: c.agreement.supervisorRight, hint: 'on items the supervisor got right', color: '#9ca3af' },
    { key: 'agreementSupervisorWrong', label: 'agree | sup. wrong', value: c.agreement.supervisorWrong, hint: 'on items the supervisor got wrong (imitating its errors)', color: '#9ca3af' },
    { key: 'inheritanceRate', label: 'inherited', value: c.rates.inheritance, hint: 'same wrong class | supervisor wrong', color: '#e15759' },
    { key: 'correctionRate', label: 'corrected', value: c.rates.correction, hint: 'student right | supervisor wrong', color: '#59a14f' },
    { key: 'newErrorRate', label: 'new errors', value: c.rates.newError, hint: 'student wrong | supervisor right', color: '#b07aa1' },
  ];
}

export function buildSupervisionRatesOption(c: Pick<WeakToStrongComparison, 'agreement' | 'rates'>): ChartOption {
  const bars = supervisionBars(c);
  const series: BarSeriesOption = {
    type: 'bar',
    data: bars.map((b) => ({ value: b.value === null ? null : b.value * 100, itemStyle: { color: b.color } })),
    barWidth: '60%',
    label: {
      show: true,
      position: 'right',
      fontSize: 10,
      formatter: (raw: unknown) => {
        const v = (raw as { value?: number | null }).value;
        return v === null || v === undefined ? 'undefined' : `${v.toFixed(1)} %`;
      },
    },
  };
  return {
    animation: false,
    grid: { left: 112, right: 62, top: 6, bottom: 24 },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (raw: unknown) => {
        const i = (raw as { dataIndex?: number }).dataIndex ?? -1;
        const b = bars[i];
        if (!b) return '';
        return `<b>${escapeHtml(b.label)}</b>: ${b.value === null ? 'undefined (no such items)' : `${(b.value * 100).toFixed(1)} %`}<br/>${escapeHtml(b.hint)}`;
      },
    },
    xAxis: { type: 'value', min: 0, max: 100, interval: 25, axisLabel: { fontSize: 10, formatter: (v: number) => (v % 50 === 0 ? `${v} %` : '') }, splitLine: { lineStyle: { color: gridLineColor } } },
    yAxis: { type: 'category', data: bars.map((b) => b.label), inverse: true, axisLabel: { fontSize: 10, interval: 0 } },
    series: [series],
  };
}
