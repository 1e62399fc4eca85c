import { trustedHtml } from "@/lib/pipeline/evaluation/html-escape";
import { BACKGROUND_COLOUR, MUTED_TEXT_COLOUR, TEXT_COLOUR, VERDICT_BADGES } from "@/lib/pipeline/evaluation/report-theme";

// The HTML report's inline stylesheet: system fonts, readable line length,
// tables that scroll on narrow screens, two answer columns that stack when
// narrow, and print rules (no scroll boxes, passages expanded). Constant text.

const badges = Object.entries(VERDICT_BADGES)
  .map(([name, colours]) => `.badge-${name}{color:${colours.text};background:${colours.background}}`)
  .join("\n");

/** The stylesheet, for the <style> element of the report's head. */
export const REPORT_STYLES = trustedHtml(`
*{box-sizing:border-box}
body{margin:0 auto;max-width:78rem;padding:1.5rem;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:${TEXT_COLOUR};background:${BACKGROUND_COLOUR}}
h1{font-size:1.8rem;margin:.2rem 0 1rem}
h2{font-size:1.4rem;margin-top:2.5rem;border-bottom:2px solid ${TEXT_COLOUR};padding-bottom:.2rem}
h3{font-size:1.15rem;margin-top:1.8rem}
h4{font-size:1rem;margin:1.2rem 0 .4rem}
h5{font-size:.9rem;margin:.8rem 0 .3rem;color:${MUTED_TEXT_COLOUR}}
a{color:#1d4ed8}
a:focus-visible,summary:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}
.kicker{margin:0;color:${MUTED_TEXT_COLOUR};text-transform:uppercase;letter-spacing:.05em;font-size:.8rem}
.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:.5rem 1.5rem;margin:0}
.facts dt{font-weight:600;font-size:.85rem;color:${MUTED_TEXT_COLOUR}}
.facts dd{margin:0}
.contents-heading{font-size:1rem;border:0;margin-top:1.5rem}
.table-scroll{overflow-x:auto}
table{border-collapse:collapse;margin:.6rem 0 1.2rem;font-size:.88rem}
caption{text-align:left;font-size:.85rem;color:${MUTED_TEXT_COLOUR};padding:.3rem 0;caption-side:top}
th,td{border:1px solid #9ca3af;padding:.3rem .5rem;vertical-align:top;text-align:left}
thead th{background:#f3f4f6}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.agree{background:#e5e7eb}
td.prose{min-width:16rem}
figure{margin:1rem 0 1.5rem}
figcaption{font-size:.85rem;color:${MUTED_TEXT_COLOUR}}
svg.chart{max-width:100%;height:auto;display:block}
.question{margin-top:2rem}
.question+.question{border-top:1px solid #9ca3af}
.question-text{margin:.5rem 0;padding:.6rem .9rem;border-left:4px solid ${TEXT_COLOUR};background:#f9fafb;white-space:pre-wrap}
.exchange{border:1px solid #d1d5db;border-radius:6px;padding:.4rem 1rem .6rem;margin:1rem 0;break-inside:avoid-page}
.answers{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
.answer{white-space:pre-wrap;overflow-wrap:anywhere;border:1px solid #d1d5db;border-radius:4px;padding:.5rem .7rem;background:#f9fafb;font-size:.9rem}
.badge{display:inline-block;padding:0 .45rem;border-radius:4px;font-weight:700;border:1px solid currentColor}
${badges}
.findings{margin:.2rem 0;padding-left:1.2rem}
.passages blockquote{margin:.2rem 0 .6rem;padding-left:.7rem;border-left:3px solid #9ca3af;color:${MUTED_TEXT_COLOUR}}
.passages p{margin:.4rem 0 0}
.meta{font-size:.8rem;color:${MUTED_TEXT_COLOUR}}
.definitions dt{font-weight:600;margin-top:.5rem}
.definitions dd{margin-left:1rem}
@media (max-width:48rem){.answers{grid-template-columns:1fr}}
@media print{
  body{max-width:none;padding:0;font-size:11pt}
  nav{display:none}
  .table-scroll{overflow:visible}
  h2,h3,h4{break-after:avoid-page}
  tr,figure{break-inside:avoid-page}
  details>summary{list-style:none}
  details::details-content{content-visibility:visible;display:block}
  a{color:inherit;text-decoration:none}
}
`);
