// Writes small, valid PDF files for tests: text placed at given positions in
// Helvetica, or drawings with no text at all. Enough layout control to test
// headers, footers, hyphenation and paragraph gaps without binary fixtures.

export type PdfText = { text: string; x?: number; y: number; size?: number };
export type PdfPage = { lines?: PdfText[]; drawingOnly?: boolean };

const escape = (text: string) => text.replace(/[\\()]/g, (character) => `\\${character}`);

function contentStream(page: PdfPage): string {
  if (page.drawingOnly) return "0.2 0.4 0.8 rg 72 600 200 100 re f 0 0 0 RG 72 500 m 400 500 l S";
  return (page.lines ?? [])
    .map((line) => `BT /F1 ${line.size ?? 11} Tf ${line.x ?? 72} ${line.y} Td (${escape(line.text)}) Tj ET`)
    .join("\n");
}

/** A PDF with one page per entry, in the order given. */
export function makePdf(pages: PdfPage[], info: { title?: string } = {}): Buffer {
  const objects: string[] = [];
  // Returns the new object's number (objects are numbered from 1 in order).
  const add = (body: string) => objects.push(body);
  add("<< /Type /Catalog /Pages 2 0 R >>");
  const pageIds = pages.map((_, index) => 4 + index * 2);
  add(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pages.length} >>`);
  add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  for (const [index, page] of pages.entries()) {
    const stream = contentStream(page);
    add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + index * 2} 0 R >>`);
    add(`<< /Length ${Buffer.byteLength(stream, "latin1")} >>\nstream\n${stream}\nendstream`);
  }
  const infoId = info.title ? add(`<< /Title (${escape(info.title)}) >>`) : undefined;

  let output = "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n";
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(output, "latin1"));
    output += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(output, "latin1");
  output += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  output += offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  output += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${infoId ? ` /Info ${infoId} 0 R` : ""} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(output, "latin1");
}

/** Lines of body text from the top of a page down, `gap` points apart. */
export function textBlock(lines: string[], options: { top?: number; gap?: number; size?: number } = {}): PdfText[] {
  const top = options.top ?? 760;
  const gap = options.gap ?? 14;
  return lines.map((text, index) => ({ text, y: top - index * gap, size: options.size }));
}
