import { describe, expect, it } from "vitest";
import { escapeHtml, html, trustedHtml } from "@/lib/pipeline/evaluation/html-escape";

describe("escapeHtml", () => {
  it("escapes the five characters that matter in content and quoted attributes", () => {
    expect(escapeHtml(`<script>alert("x" & 'y')</script>`)).toBe("&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;");
  });

  it("escapes an existing entity again, so text shows as written", () => {
    expect(escapeHtml("&lt;b&gt;")).toBe("&amp;lt;b&amp;gt;");
  });

  it("leaves ordinary text, including non-ASCII, unchanged", () => {
    expect(escapeHtml("APP 6.2(b) — ≥ 4 · naïve")).toBe("APP 6.2(b) — ≥ 4 · naïve");
  });
});

describe("html", () => {
  it("escapes every interpolated string and number but keeps nested html and trusted markup", () => {
    const hostile = `"><img src=x onerror=alert(1)>`;
    const inner = html`<em>${hostile}</em>`;
    const out = html`<p title="${hostile}">${inner}${trustedHtml("<br>")}${42}</p>`.value;
    expect(out).toBe(`<p title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"><em>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</em><br>42</p>`);
    expect(out).not.toContain("<img");
  });

  it("joins arrays and renders null, undefined and false as nothing", () => {
    expect(html`<ul>${["<a>", "b"].map((item) => html`<li>${item}</li>`)}</ul>${null}${undefined}${false}`.value).toBe("<ul><li>&lt;a&gt;</li><li>b</li></ul>");
  });
});
