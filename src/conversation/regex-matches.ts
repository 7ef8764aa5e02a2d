/**
 * Every match of a global pattern in a text, as String.prototype.matchAll gives them (same matches, same order,
 * `index`, groups and `indices` included), without matchAll's copy of the pattern: matchAll builds a new RegExp
 * per call, which the parsers paid for every rule on every turn (issue 21: a profile of the service under load
 * had RegExp initialisation at about 1% of its CPU, nearly all from the time parser). The pattern's lastIndex is
 * used and left at 0; no caller may be inside another loop over the same pattern (a synchronous loop cannot be).
 */
export function regexMatches(pattern: RegExp, text: string): RegExpExecArray[] {
  if (!pattern.global) throw new TypeError(`regexMatches needs a global pattern: ${String(pattern)}`);
  const matches: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    matches.push(match);
    // An empty match does not move lastIndex: step past it (by a code point with the u or v flag), as matchAll does.
    if (match[0] === '') pattern.lastIndex = advance(text, pattern.lastIndex, pattern.unicode || pattern.flags.includes('v'));
  }
  pattern.lastIndex = 0;
  return matches;
}

function advance(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const code = text.charCodeAt(index);
  return code >= 0xd800 && code <= 0xdbff ? index + 2 : index + 1;
}
