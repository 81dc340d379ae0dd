/** Expands an entry's headword and variants into concrete forms with a case policy. */
import type { CasePolicy, Entry } from './glossary-schema';

export interface ResolvedVariant {
  text: string;
  case: CasePolicy;
}

type VariantSource = Pick<Entry, 'headword' | 'variants' | 'case'>;

export function variantsOf(entry: VariantSource): ResolvedVariant[] {
  const seen = new Set<string>();
  const out: ResolvedVariant[] = [];
  for (const variant of [entry.headword, ...entry.variants]) {
    const resolved =
      typeof variant === 'string' ? { text: variant, case: entry.case } : { text: variant.text, case: variant.case };
    const key = `${resolved.case}\u0000${resolved.text}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(resolved);
    }
  }
  return out;
}
