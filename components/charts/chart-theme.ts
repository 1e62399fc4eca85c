import { pattern, patterns, type RechartsFill, type SymbolType } from "recharts";
import { judgeStyle, type PatternKind, type SeriesStyle, VERDICT_STYLES } from "@/lib/pipeline/evaluation/report-theme";
import type { Verdict } from "@/lib/pipeline/evaluation/types";

// How the console's charts tell series apart: the HTML report's colours (each
// at least 3:1 against white, tested there) and, so that colour is never the
// only signal, a fill pattern for bars and a dash style and marker shape for
// lines. Legends, tooltips and tables name every series in words.

/** Axis and label text: slate-600, 7.6:1 on white. */
export const AXIS_TEXT = "#475569";
/** Grid lines: light, so they never compete with the data. */
export const GRID_LINE = "#e2e8f0";
/** Chart height in pixels; the width follows the page. */
export const CHART_HEIGHT = 288;

/** A series' look: colour, bar fill pattern, line dash and marker. */
export type SeriesLook = { colour: string; pattern: PatternKind; dash?: string; marker: SymbolType };

const DASHES: (string | undefined)[] = [undefined, "7 4", "2 3", "10 3 2 3", "4 4"];
const MARKERS: SymbolType[] = ["circle", "square", "triangle", "diamond", "cross"];

const look = (style: SeriesStyle, index: number): SeriesLook => ({
  ...style,
  dash: DASHES[index % DASHES.length],
  marker: MARKERS[index % MARKERS.length] as SymbolType,
});

/** The look of the series at `index` (judges, runs A and B...). */
export const seriesLook = (index: number): SeriesLook => look(judgeStyle(index), index);

/** CAM's decisions: green solid circles, amber dashed squares, red triangles (the report's colours). */
export const VERDICT_LOOKS: Record<Verdict, SeriesLook> = {
  allow: look(VERDICT_STYLES.allow, 0),
  warn: look(VERDICT_STYLES.warn, 1),
  block: { ...look(VERDICT_STYLES.block, 2), dash: undefined },
};

// Recharts draws the pattern's texture in white over the series colour; each needs its own definition component, made once here.
const PATTERN_DEFINITIONS = {
  diagonal: pattern(patterns.diagonal),
  dots: pattern(patterns.dots),
  cross: pattern(patterns.crosshatch),
  horizontal: pattern(patterns.horizontal),
} as const;

/** A bar fill: the colour with the series' texture over it (solid: the colour alone). */
export function barFill(series: SeriesLook): string | RechartsFill {
  return series.pattern === "solid" ? series.colour : { color: series.colour, definition: PATTERN_DEFINITIONS[series.pattern] };
}
