import { html, trustedHtml, type SafeHtml } from "@/lib/pipeline/evaluation/html-escape";
import { BACKGROUND_COLOUR, MUTED_TEXT_COLOUR, TEXT_COLOUR, type SeriesStyle } from "@/lib/pipeline/evaluation/report-theme";

// Inline SVG bar charts for the HTML report: no script, no external resource,
// prints as vectors. Each chart is an accessible image (role="img" with a
// <title> and a <desc> giving every value as text), shows its values as text
// beside the bars, and fills each series with a colour and a pattern named in
// the legend. Charts take prepared data; all text goes through `html`. Pure.

export type ChartSeries = { label: string; style: SeriesStyle };
type ChartText = { id: string; title: string; description: string; formatValue: (value: number | null) => string };

const FONT_ATTRS = trustedHtml(`font-family="system-ui, sans-serif" fill="${TEXT_COLOUR}"`);
const WIDTH = 760;
const fillOf = (chartId: string, index: number) => `url(#${chartId}-fill-${index})`;
const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function patternDef(id: string, { colour, pattern }: SeriesStyle): SafeHtml {
  const base = html`<pattern id="${id}" patternUnits="userSpaceOnUse" width="8" height="8"`;
  switch (pattern) {
    case "solid":
      return html`${base}><rect width="8" height="8" fill="${colour}"/></pattern>`;
    case "diagonal":
      return html`${base} patternTransform="rotate(45)"><rect width="8" height="8" fill="${BACKGROUND_COLOUR}"/><rect width="5" height="8" fill="${colour}"/></pattern>`;
    case "dots":
      return html`${base}><rect width="8" height="8" fill="${colour}"/><circle cx="4" cy="4" r="1.6" fill="${BACKGROUND_COLOUR}"/></pattern>`;
    case "cross":
      return html`${base}><rect width="8" height="8" fill="${colour}"/><path d="M0 0L8 8M8 0L0 8" stroke="${BACKGROUND_COLOUR}" stroke-width="1.5"/></pattern>`;
    case "horizontal":
      return html`${base}><rect width="8" height="8" fill="${BACKGROUND_COLOUR}"/><rect width="8" height="5" fill="${colour}"/></pattern>`;
  }
}

/** Wraps a chart body (drawn for a one-line legend) with the SVG element, its text alternative, fills and legend. */
function chartFrame(text: ChartText, size: { height: number }, series: ChartSeries[], body: SafeHtml): SafeHtml {
  const defs = series.map((item, index) => patternDef(`${text.id}-fill-${index}`, item.style));
  // Legend: a swatch with the series' fill and its name, left to right, wrapping onto further lines.
  const lineHeight = 20;
  let x = 12;
  let y = 8;
  const legend = series.map((item, index) => {
    const label = truncate(item.label, 40);
    const entryWidth = 34 + label.length * 7;
    if (x > 12 && x + entryWidth > WIDTH) {
      x = 12;
      y += lineHeight;
    }
    const entry = html`<rect x="${x}" y="${y}" width="14" height="14" fill="${fillOf(text.id, index)}" stroke="${TEXT_COLOUR}"/><text x="${x + 20}" y="${y + 12}" font-size="12" ${FONT_ATTRS}>${label}</text>`;
    x += entryWidth;
    return entry;
  });
  const extraLegendHeight = y - 8;
  const height = size.height + extraLegendHeight;
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="${text.id}-title ${text.id}-desc">
<title id="${text.id}-title">${text.title}</title>
<desc id="${text.id}-desc">${text.description}</desc>
<defs>${defs}</defs>
<g class="legend">${legend}</g>
<g transform="translate(0 ${extraLegendHeight})">${body}</g>
</svg>`;
}

export type StackedBarRow = { label: string; values: (number | null)[] };

/** Horizontal 100% stacked bars, one per row, each value a fraction 0–1 of one series; values as text to the right. */
export function renderStackedBarChart(options: ChartText & { axisLabel: string; rowAxisLabel: string; series: ChartSeries[]; rows: StackedBarRow[] }): SafeHtml {
  const layout = { labelWidth: 150, barWidth: 340, top: 54, rowHeight: 30, barHeight: 18 };
  const plotBottom = layout.top + options.rows.length * layout.rowHeight;
  const xOf = (fraction: number) => layout.labelWidth + fraction * layout.barWidth;
  const grid = [0, 0.25, 0.5, 0.75, 1].map(
    (tick) =>
      html`<line x1="${xOf(tick)}" y1="${layout.top - 4}" x2="${xOf(tick)}" y2="${plotBottom}" stroke="${MUTED_TEXT_COLOUR}" stroke-dasharray="2 3" stroke-width="0.5"/><text x="${xOf(tick)}" y="${plotBottom + 14}" font-size="11" text-anchor="middle" ${FONT_ATTRS}>${tick * 100}%</text>`,
  );
  const rows = options.rows.map((row, rowIndex) => {
    const y = layout.top + rowIndex * layout.rowHeight + (layout.rowHeight - layout.barHeight) / 2;
    const textY = y + layout.barHeight - 4;
    const label = html`<text x="${layout.labelWidth - 8}" y="${textY}" font-size="12" text-anchor="end" ${FONT_ATTRS}>${truncate(row.label, 22)}</text>`;
    const hasData = row.values.some((value) => value !== null);
    let offset = 0;
    const segments = row.values.map((value, index) => {
      const start = offset;
      offset += value ?? 0;
      if (!value) return null;
      return html`<rect x="${xOf(start)}" y="${y}" width="${value * layout.barWidth}" height="${layout.barHeight}" fill="${fillOf(options.id, index)}" stroke="${TEXT_COLOUR}" stroke-width="0.75"/>`;
    });
    const valuesText = hasData
      ? row.values.map((value, index) => `${options.series[index]?.label ?? ""} ${options.formatValue(value)}`).join(" · ")
      : "no data";
    const outline = html`<rect x="${xOf(0)}" y="${y}" width="${layout.barWidth}" height="${layout.barHeight}" fill="none" stroke="${MUTED_TEXT_COLOUR}" stroke-width="0.5"/>`;
    return html`<g class="bar-row">${label}${outline}${segments}<text x="${xOf(1) + 10}" y="${textY}" font-size="11" ${FONT_ATTRS}>${valuesText}</text></g>`;
  });
  const axisLabels = html`<text x="${xOf(0.5)}" y="${plotBottom + 34}" font-size="12" text-anchor="middle" ${FONT_ATTRS}>${options.axisLabel}</text>
<text x="${layout.labelWidth - 8}" y="${layout.top - 8}" font-size="12" font-weight="600" text-anchor="end" ${FONT_ATTRS}>${options.rowAxisLabel}</text>`;
  return chartFrame(options, { height: plotBottom + 46 }, options.series, html`${grid}${rows}${axisLabels}`);
}

export type GroupedBarGroup = { label: string; values: (number | null)[] };

/** Vertical bars grouped by category, one bar per series, on a 0–maxValue axis; each bar's value as text above it. */
export function renderGroupedBarChart(
  options: ChartText & { valueAxisLabel: string; groupAxisLabel: string; maxValue: number; ticks: number[]; series: ChartSeries[]; groups: GroupedBarGroup[] },
): SafeHtml {
  const layout = { left: 64, right: 16, top: 48, plotHeight: 220 };
  const plotWidth = WIDTH - layout.left - layout.right;
  const plotBottom = layout.top + layout.plotHeight;
  const yOf = (value: number) => plotBottom - (Math.min(Math.max(value, 0), options.maxValue) / options.maxValue) * layout.plotHeight;
  const groupWidth = plotWidth / Math.max(1, options.groups.length);
  const barWidth = Math.min(36, (groupWidth * 0.8) / Math.max(1, options.series.length));
  const ticks = options.ticks.map(
    (tick) =>
      html`<line x1="${layout.left}" y1="${yOf(tick)}" x2="${WIDTH - layout.right}" y2="${yOf(tick)}" stroke="${MUTED_TEXT_COLOUR}" stroke-dasharray="2 3" stroke-width="0.5"/><text x="${layout.left - 8}" y="${yOf(tick) + 4}" font-size="11" text-anchor="end" ${FONT_ATTRS}>${tick}</text>`,
  );
  const groups = options.groups.map((group, groupIndex) => {
    const groupLeft = layout.left + groupIndex * groupWidth;
    const barsLeft = groupLeft + (groupWidth - barWidth * options.series.length) / 2;
    const bars = group.values.map((value, index) => {
      const x = barsLeft + index * barWidth;
      const valueText = html`<text x="${x + barWidth / 2}" y="${(value === null ? plotBottom : yOf(value)) - 4}" font-size="10" text-anchor="middle" ${FONT_ATTRS}>${options.formatValue(value)}</text>`;
      if (value === null) return valueText;
      return html`<rect x="${x + 1}" y="${yOf(value)}" width="${barWidth - 2}" height="${plotBottom - yOf(value)}" fill="${fillOf(options.id, index)}" stroke="${TEXT_COLOUR}" stroke-width="0.75"/>${valueText}`;
    });
    const label = html`<text x="${groupLeft + groupWidth / 2}" y="${plotBottom + 16}" font-size="12" text-anchor="middle" ${FONT_ATTRS}>${truncate(group.label, Math.max(6, Math.floor(groupWidth / 7)))}</text>`;
    return html`<g class="bar-group">${bars}${label}</g>`;
  });
  const axes = html`<line x1="${layout.left}" y1="${plotBottom}" x2="${WIDTH - layout.right}" y2="${plotBottom}" stroke="${TEXT_COLOUR}"/><line x1="${layout.left}" y1="${layout.top}" x2="${layout.left}" y2="${plotBottom}" stroke="${TEXT_COLOUR}"/>
<text x="${layout.left + plotWidth / 2}" y="${plotBottom + 38}" font-size="12" text-anchor="middle" ${FONT_ATTRS}>${options.groupAxisLabel}</text>
<text transform="translate(16 ${layout.top + layout.plotHeight / 2}) rotate(-90)" font-size="12" text-anchor="middle" ${FONT_ATTRS}>${options.valueAxisLabel}</text>`;
  return chartFrame(options, { height: plotBottom + 50 }, options.series, html`${ticks}${groups}${axes}`);
}
