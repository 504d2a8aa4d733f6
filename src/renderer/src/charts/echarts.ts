// The only place ECharts is assembled: `echarts/core` plus exactly the charts and components the workbench
// draws, so the bundle carries nothing else. The option type is shared (@shared/charts/chartOption).
import { use, init, type EChartsType } from 'echarts/core';
import { BarChart, CustomChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapContinuousComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, ScatterChart, HeatmapChart, CustomChart, GridComponent, LegendComponent, TooltipComponent,
  VisualMapContinuousComponent, CanvasRenderer]);

export type { ChartOption } from '@shared/charts/chartOption';

export { init, type EChartsType };
