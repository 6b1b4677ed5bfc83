/** The retention chart's height: one bar per topic. */
export const retentionChartHeight = (bars: number) => Math.max(140, bars * 40 + 60);
export const FORECAST_CHART_HEIGHT = 240;
