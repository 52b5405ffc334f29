/*
 * A tiny HTML builder that escapes by default: every interpolated value is text unless it is already
 * SafeHtml (made by this same tag). Templates therefore cannot forget to escape a name or a note, and a
 * value like `<img src=x onerror=…>` prints as those characters.
 */

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Multi-line text (notes): escaped, line breaks kept as <br>. */
export function multiline(text: string | null | undefined): SafeHtml {
  if (!text) return new SafeHtml('');
  return new SafeHtml(
    text
      .split(/\r\n|\r|\n/)
      .map(escapeHtml)
      .join('<br>'),
  );
}

/** A table's fixed column widths in percent (printed forms do not let the browser size columns). */
export function colgroup(...widths: number[]): SafeHtml {
  return html`<colgroup>
    ${widths.map((w) => html`<col style="width:${w}%" />`)}
  </colgroup>`;
}

/** A printed list: fixed-width columns, one header row, then one row per item. */
export function listTable(
  columns: readonly (readonly [label: string, widthPercent: number])[],
  rows: readonly (readonly HtmlValue[])[],
): SafeHtml {
  return html`<table class="form">
    ${colgroup(...columns.map(([, width]) => width))}
    <tr>
      ${columns.map(([label]) => html`<th>${label}</th>`)}
    </tr>
    ${rows.map(
      (cells) =>
        html`<tr>
          ${cells.map((cell) => html`<td>${cell}</td>`)}
        </tr>`,
    )}
  </table>`;
}
