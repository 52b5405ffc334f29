import type { PdfFile } from '@shared/print';

/** How long the blob URL stays valid after the download starts (the browser has copied it by then). */
const REVOKE_AFTER_MS = 60_000;

/**
 * Hands a generated PDF to the browser as a download under the server's file name (which carries only
 * office numbers, never a name). The bytes never touch a URL the user could see or share.
 */
export function downloadPdf(file: PdfFile): void {
  const binary = atob(file.pdfBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
