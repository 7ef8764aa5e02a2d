/** Words a cleaned text may need, in the session's language (from voice.json). */
export interface SpeakableWords {
  degrees: string;
}

/**
 * A message as it should be read aloud: no emoji, no markdown, no symbols a voice spells out or skips oddly.
 * A safety net for texts without a voice variant (the profile summary, written for the screen): "(orb 1.2°)"
 * becomes ", orb 1.2 degrees,", "…" a full stop, line breaks pauses.
 */
export function speakable(text: string, words: SpeakableWords): string {
  return text
    .replace(/\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|\u{FE0F}|\u{200D}/gu, '')
    .replace(/\*\*|__|`|^#+\s*|^\s*[-*•]\s+/gmu, '')
    .replace(/\s*°/gu, ` ${words.degrees}`)
    .replace(/…/gu, '.')
    .replace(/\s*\(\s*/gu, ', ')
    .replace(/\s*\)/gu, ',')
    .replace(/\s*\n+\s*/gu, '. ')
    .replace(/,\s*([.,!?;:])/gu, '$1')
    .replace(/([.!?])\s*\./gu, '$1')
    .replace(/\s+/gu, ' ')
    .trim();
}
