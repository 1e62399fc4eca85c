import type { Verdict } from "@/lib/pipeline/evaluation/types";

// Colours and fill patterns of the HTML report. Each graphic colour has at
// least 3:1 contrast with white and each text colour at least 4.5:1 with its
// background (WCAG 2.1 AA, tested); fills also differ by pattern so that no
// series is told apart by colour alone. Pure.

/** How a series' area is filled; paired with a colour so series differ in two ways. */
export type PatternKind = "solid" | "diagonal" | "dots" | "cross" | "horizontal";
export type SeriesStyle = { colour: string; pattern: PatternKind };

/** Body text (14.7:1 on white). */
export const TEXT_COLOUR = "#1f2937";
/** Captions and secondary text (7.6:1 on white). */
export const MUTED_TEXT_COLOUR = "#4b5563";
export const BACKGROUND_COLOUR = "#ffffff";

/** Chart fills for CAM's decisions. */
export const VERDICT_STYLES: Record<Verdict, SeriesStyle> = {
  allow: { colour: "#2e7d32", pattern: "solid" },
  warn: { colour: "#b45309", pattern: "diagonal" },
  block: { colour: "#b91c1c", pattern: "cross" },
};

/** Badge text and background colours for CAM's decisions (badges also spell out the decision). */
export const VERDICT_BADGES: Record<Verdict | "failed", { text: string; background: string }> = {
  allow: { text: "#14532d", background: "#dcfce7" },
  warn: { text: "#7c2d12", background: "#ffedd5" },
  block: { text: "#7f1d1d", background: "#fee2e2" },
  failed: { text: "#1f2937", background: "#e5e7eb" },
};

/** Chart fills for judges, in judge order, repeating after five. */
const JUDGE_STYLES: readonly SeriesStyle[] = [
  { colour: "#1d4ed8", pattern: "solid" },
  { colour: "#7e22ce", pattern: "diagonal" },
  { colour: "#0f766e", pattern: "dots" },
  { colour: "#a16207", pattern: "cross" },
  { colour: "#be185d", pattern: "horizontal" },
];

/** The fill of the judge at `index` in judge order. */
export function judgeStyle(index: number): SeriesStyle {
  return JUDGE_STYLES[index % JUDGE_STYLES.length] as SeriesStyle;
}

/** Every chart colour, for the contrast test. */
export const ALL_GRAPHIC_COLOURS = [...Object.values(VERDICT_STYLES), ...JUDGE_STYLES].map((style) => style.colour);
