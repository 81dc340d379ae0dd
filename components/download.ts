/** Offers text as a file download from an extension page; the data stays on the machine. */
export function downloadText(filename: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled, or the download can fail in Firefox.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
