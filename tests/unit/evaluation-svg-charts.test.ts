import { describe, expect, it } from "vitest";
import { formatPercent, formatScore } from "@/lib/pipeline/evaluation/format-values";
import { ALL_GRAPHIC_COLOURS, BACKGROUND_COLOUR, MUTED_TEXT_COLOUR, TEXT_COLOUR, VERDICT_BADGES, judgeStyle } from "@/lib/pipeline/evaluation/report-theme";
import { renderGroupedBarChart, renderStackedBarChart } from "@/lib/pipeline/evaluation/svg-charts";

/** WCAG 2.1 contrast ratio of two #rrggbb colours. */
function contrast(first: string, second: string): number {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((start) => {
      const channel = Number.parseInt(hex.slice(start, start + 2), 16) / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(first), luminance(second)].sort((a, b) => b - a) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const stacked = () =>
  renderStackedBarChart({
    id: "chart-actions",
    title: "Decisions per scenario",
    description: "Scenario A: allow 60.0%, warn 20.0%, block 20.0%.",
    formatValue: formatPercent,
    axisLabel: "Share of decided answers (%)",
    rowAxisLabel: "Scenario",
    series: [
      { label: "allow", style: { colour: "#2e7d32", pattern: "solid" } },
      { label: "warn", style: { colour: "#b45309", pattern: "diagonal" } },
      { label: "block", style: { colour: "#b91c1c", pattern: "cross" } },
    ],
    rows: [
      { label: "A <b>", values: [0.6, 0.2, 0.2] },
      { label: "B", values: [null, null, null] },
    ],
  }).value;

describe("renderStackedBarChart", () => {
  it("is an accessible image with a title, a description, axis labels, a legend and text values", () => {
    const svg = stacked();
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="chart-actions-title chart-actions-desc"/);
    expect(svg).toContain(`<title id="chart-actions-title">Decisions per scenario</title>`);
    expect(svg).toContain(`<desc id="chart-actions-desc">Scenario A: allow 60.0%, warn 20.0%, block 20.0%.</desc>`);
    expect(svg).toContain(">Share of decided answers (%)</text>");
    expect(svg).toContain(">Scenario</text>");
    for (const tick of ["0%", "50%", "100%"]) expect(svg).toContain(`>${tick}</text>`);
    for (const series of ["allow", "warn", "block"]) expect(svg).toContain(`>${series}</text>`);
    expect(svg).toContain("allow 60.0% · warn 20.0% · block 20.0%");
    expect(svg).toContain(">no data</text>");
  });

  it("draws segments proportional to the values, each with its series' patterned fill", () => {
    const svg = stacked();
    // Bars are 340 wide from x = 150: 60% → 204, then 20% → 68 at x = 354.
    expect(svg).toContain(`x="150" y="60" width="204" height="18" fill="url(#chart-actions-fill-0)"`);
    expect(svg).toMatch(/x="354" y="60" width="68(\.\d+)?" height="18" fill="url\(#chart-actions-fill-1\)"/);
    expect(svg).toContain(`<pattern id="chart-actions-fill-1" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">`);
  });

  it("escapes labels", () => {
    expect(stacked()).toContain(">A &lt;b&gt;</text>");
  });
});

describe("renderGroupedBarChart", () => {
  it("draws one bar per series in each group with its value, and n/a for a missing value", () => {
    const svg = renderGroupedBarChart({
      id: "chart-compliance",
      title: "Average compliance",
      description: "Judge j1: A 3.25, B n/a.",
      formatValue: formatScore,
      valueAxisLabel: "Average compliance (0–5)",
      groupAxisLabel: "Scenario",
      maxValue: 5,
      ticks: [0, 1, 2, 3, 4, 5],
      series: [0, 1].map((index) => ({ label: `j${index + 1}`, style: judgeStyle(index) })),
      groups: [
        { label: "A", values: [3.25, 5] },
        { label: "B", values: [null, 2] },
      ],
    }).value;
    expect(svg).toContain("<title id=\"chart-compliance-title\">Average compliance</title>");
    expect(svg).toContain(">Average compliance (0–5)</text>");
    expect(svg).toContain(">Scenario</text>");
    for (const text of ["3.25", "5.00", "2.00", "n/a", "j1", "j2", "A", "B"]) expect(svg).toContain(`>${text}</text>`);
    expect(svg.match(/<rect [^>]*fill="url\(#chart-compliance-fill-\d\)" stroke/g)).toHaveLength(3 + 2);
  });
});

describe("report colours", () => {
  it("give graphics at least 3:1 and text at least 4.5:1 contrast (WCAG AA)", () => {
    for (const colour of ALL_GRAPHIC_COLOURS) expect(contrast(colour, BACKGROUND_COLOUR)).toBeGreaterThanOrEqual(3);
    expect(contrast(TEXT_COLOUR, BACKGROUND_COLOUR)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(MUTED_TEXT_COLOUR, BACKGROUND_COLOUR)).toBeGreaterThanOrEqual(4.5);
    for (const badge of Object.values(VERDICT_BADGES)) expect(contrast(badge.text, badge.background)).toBeGreaterThanOrEqual(4.5);
  });
});
