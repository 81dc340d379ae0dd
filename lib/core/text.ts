/** Character classes shared by the matcher and the tokenisers. */

const WORD = /[\p{L}\p{N}\p{M}]/u;

/** Whether the UTF-16 unit at `i` belongs to a word (letters, digits, marks). */
export function isWordChar(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 128) {
    return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  }
  if (Number.isNaN(code)) return false;
  // Surrogate pairs: test the whole code point, from either half.
  if (code >= 0xd800 && code <= 0xdfff) {
    const start = code >= 0xdc00 ? i - 1 : i;
    return WORD.test(String.fromCodePoint(text.codePointAt(start) ?? 0));
  }
  return WORD.test(text[i]!);
}

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

export function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 0xa0 || code === 0x202f || (code >= 0x2000 && code <= 0x200a);
}

export function isApostrophe(code: number): boolean {
  return code === 39 || code === 0x2019;
}

/** Whether the string has a lower-case and an upper-case letter, or is all capitals. */
export function isAcronymLike(word: string): boolean {
  if (word.length < 2 || word.length > 10) return false;
  let upper = 0;
  let letters = 0;
  for (const ch of word) {
    if (ch.toLowerCase() !== ch.toUpperCase()) {
      letters++;
      if (ch === ch.toUpperCase()) upper++;
    }
  }
  return letters >= 2 && upper >= 2 && upper / letters >= 0.6;
}
