import { html, SafeHtml, type HtmlValue } from './html';

/*
 * The page every printout shares: A4 with margins from CSS `@page` (both printers honour it), the
 * Chinese font stack, inline CSS only, and a CSP that forbids scripts and every fetch — the document is
 * complete as it is, and an injected tag could not load or run anything even if escaping failed.
 */

const FONT_STACK = "'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

const STYLES = `
@page { size: A4; margin: 15mm 15mm 16mm 15mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: ${FONT_STACK}; font-size: 10.5pt; line-height: 1.55; color: #000; }
h1 { text-align: center; font-size: 18pt; letter-spacing: 2pt; margin: 0 0 2mm; font-weight: bold; }
h2 { font-size: 12pt; margin: 5mm 0 2mm; font-weight: bold; }
.meta { display: flex; justify-content: space-between; font-size: 9.5pt; margin: 0 0 2mm; }
table.form { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.form th, table.form td { border: 0.75pt solid #000; padding: 1.4mm 2mm; vertical-align: top;
  text-align: left; word-break: break-all; overflow-wrap: anywhere; }
table.form th { font-weight: normal; background: #f0f0f0; text-align: center; vertical-align: middle; }
td.notes { min-height: 30mm; height: 30mm; }
td.short { height: 14mm; }
.opt { display: inline-block; margin-right: 3mm; white-space: nowrap; }
.box { display: inline-block; width: 3.6mm; height: 3.6mm; border: 0.75pt solid #000; margin-right: 1mm;
  text-align: center; line-height: 3.4mm; font-size: 9pt; vertical-align: -0.6mm; }
.opt.on { font-weight: bold; }
.sign { display: flex; justify-content: space-between; margin-top: 8mm; }
.sign .line { display: inline-block; min-width: 40mm; border-bottom: 0.75pt solid #000; }
.hidden-note { color: #555; }
.draft { border: 1.5pt solid #000; padding: 1mm 3mm; display: inline-block; font-weight: bold; }
.addendum { border: 0.75pt solid #000; padding: 2mm; margin-top: 2mm; page-break-inside: avoid; }
.letter p { text-indent: 2em; margin: 0 0 3mm; }
.letter .to { text-indent: 0; }
.right { text-align: right; }
.footer { margin-top: 6mm; font-size: 8.5pt; color: #444; }
`;

/**
 * A complete HTML document. `title` becomes the PDF's Title: document kind and office numbers only.
 * `styles`: a document's own CSS, after the shared sheet.
 */
export function printDocument(title: string, body: SafeHtml, styles = ''): string {
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content="${CSP}" />
        <title>${title}</title>
        <style>
          ${new SafeHtml(STYLES + styles)}
        </style>
      </head>
      <body>
        ${body}
      </body>
    </html>`.value;
}

/** One tick-box option of a form row (appendix D ticks the chosen result, satisfaction, type…). */
export function option(label: string, chosen: boolean): SafeHtml {
  return html`<span class="opt${chosen ? ' on' : ''}"
    ><span class="box">${chosen ? '√' : ''}</span>${label}</span
  >`;
}

/** Every option of an enum in form order, the chosen one ticked. */
export function options<T extends string>(
  order: readonly T[],
  labels: Record<T, string>,
  chosen: T | null | undefined,
): SafeHtml {
  return html`${order.map((value) => option(labels[value], value === chosen))}`;
}

/** A value, or a muted note saying why it is not printed. */
export function orHidden(value: HtmlValue, hidden: boolean): SafeHtml {
  return hidden ? html`<span class="hidden-note">（已隐藏）</span>` : html`${value}`;
}
