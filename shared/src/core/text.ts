/** Trailing punctuation a clause may already end with, before we add our own. */
const END = /[\s。，、；：！？.,;:!?]+$/u;

/** A clause without its closing punctuation, so joining clauses never gives "。，" or "。。". */
export function clause(text: string): string {
  return text.replace(END, '');
}

/** At most `max` characters of a clause (by character, not UTF-16 unit), without closing punctuation. */
export function excerpt(text: string, max: number): string {
  const chars = [...clause(text)];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}
