/**
 * The text content of an HTML document's body, as the scan command indexes
 * it: `document.body.textContent` after removing script, style, noscript and
 * template elements, whose text is never shown.
 */
import { Window } from 'happy-dom';

export function htmlToText(html: string): string {
  const window = new Window();
  try {
    const document = window.document;
    document.write(html);
    for (const element of document.querySelectorAll('script, style, noscript, template')) element.remove();
    return document.body?.textContent ?? '';
  } finally {
    void window.happyDOM.close();
  }
}
