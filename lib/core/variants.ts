/** Expands an entry's headword and variants into concrete forms with a case policy. */
import type { CasePolicy, Entry } from './glossary-schema';

export interface ResolvedVariant {
  text: string;
  case: CasePolicy;
}

type VariantSource = Pick<Entry, 'headword' | 'variants' | 'case'>;

export function variantsOf(entry: VariantSource): ResolvedVariant[] {
  const out: ResolvedVariant[] = [{ text: entry.headword, case: entry.case }];
  for (const variant of entry.variants) {
    const text = typeof variant === 'string' ? variant : variant.text;
    const policy = typeof variant === 'string' ? entry.case : variant.case;
    // An entry has a handful of forms: a scan of those kept is cheaper than a set of keys.
    if (!out.some((kept) => kept.text === text && kept.case === policy)) out.push({ text, case: policy });
  }
  return out;
}
