import { html, type SafeHtml } from "@/lib/pipeline/evaluation/html-escape";
import type { RunMetrics } from "@/lib/pipeline/evaluation/metrics-types";

// The HTML report's last section: how each number is computed, so a reader
// does not need the code. Keep in step with compute-metrics.ts. Pure.

const DEFINITIONS: [term: string, definition: string][] = [
  ["Failed exchange", "An exchange that ended with an error (model unreachable, timeout...). It has no answer and no decision; it counts only in Failed and is left out of every other number."],
  ["Allow, warn, block rates", "Each decision's count divided by the scenario's decided (non-failed) exchanges."],
  ["Latency average and p95", "Over decided exchanges (end-to-end time) or over judge calls that recorded a time. p95 is the nearest-rank percentile: the value at rank ⌈0.95 × n⌉ of the sorted times, so with fewer than 20 values it is the slowest one."],
  ["Answers citing a source", "Among decided answers with retrieval on that were shown (not blocked), the share citing at least one passage. n/a for scenarios without retrieval."],
  ["Judge scores", "Only scores on decided exchanges count. Unscored: the judge failed or its output could not be read. Compliance and helpfulness averages, the median and the population standard deviation are over scored answers."],
  ["Pass rate", "Scored answers with compliance at or above the pass mark, divided by scored answers."],
  ["Disagrees with CAM", "Scored answers whose judge verdict differs from CAM's decision, divided by scored answers."],
  ["Cohen's kappa", "κ = (pₒ − pₑ) / (1 − pₑ), with pₒ the share of answers both judges scored on which their verdicts agree and pₑ the agreement expected by chance from each judge's own verdict frequencies. Undefined when no answer was scored by both, or when both judges gave one and the same verdict throughout (pₑ = 1)."],
  ["Rounding", "Rates and kappa to 3 decimals (percentages to 1), times to 0.1 ms, score summaries to 2 decimals; the JSON report carries the same rounded numbers. n/a: no data to compute from."],
];

/** A definition list of the report's numbers. */
export function renderDefinitionsSection(metrics: RunMetrics): SafeHtml {
  const items = DEFINITIONS.map(([term, definition]) => html`<dt>${term}</dt><dd>${definition}</dd>`);
  return html`<section id="definitions" aria-labelledby="definitions-heading">
<h2 id="definitions-heading">How the numbers are computed</h2>
<p>The judge pass mark for this run is a compliance score of ${metrics.options.passAtLeast} or more (of 5).</p>
<dl class="definitions">${items}</dl>
</section>`;
}
