// U+FE0E asks for the text form: without it some systems draw these as coloured emoji.
const TEXT = '\uFE0E';
const SIGNS = ['♈', '♉', '♊', '♋', '♌', '♍', '♎', '♏', '♐', '♑', '♒', '♓'];

// English and Spanish names, since the service may send either; anything else gets its initials.
const BODIES: Record<string, string> = {
  sun: '☉', sol: '☉',
  moon: '☽', luna: '☽',
  mercury: '☿', mercurio: '☿',
  venus: '♀',
  mars: '♂', marte: '♂',
  jupiter: '♃', júpiter: '♃',
  saturn: '♄', saturno: '♄',
  uranus: '♅', urano: '♅',
  neptune: '♆', neptuno: '♆',
  pluto: '♇', plutón: '♇', pluton: '♇',
  'north node': '☊', 'true node': '☊', 'mean node': '☊', 'nodo norte': '☊',
  chiron: '⚷', quirón: '⚷',
};

/** The glyph of the sign a longitude falls in. */
export function signGlyph(longitude: number): string {
  const index = Math.floor((((longitude % 360) + 360) % 360) / 30);
  return (SIGNS[index] ?? '') + TEXT;
}

/** The glyph of a body by name, or its first two letters when it has none. */
export function bodyGlyph(name: string): string {
  const glyph = BODIES[name.trim().toLowerCase()];
  return glyph ? glyph + TEXT : name.trim().slice(0, 2);
}

/** Degrees within a sign as 14°52′. */
export function formatDegree(degree: number): string {
  const whole = Math.floor(degree);
  const minutes = Math.floor((degree - whole) * 60);
  return `${whole}°${String(minutes).padStart(2, '0')}′`;
}
