/** How the bot speaks and listens in one language: Twilio's language tag (Say and Gather) and a Say voice. */
export interface SpeechSettings {
  language: string;
  voice: string;
}

/**
 * Defaults per session language. Amazon Polly neural voices, each native to its tag (Kajal speaks Hindi and
 * Indian English). TWILIO_VOICE_LANGUAGES / TWILIO_VOICE_VOICES override them; a changed tag usually wants a
 * voice of that variant too (es-MX: Polly.Mia-Neural).
 */
const DEFAULTS: Readonly<Record<string, SpeechSettings>> = {
  en: { language: 'en-US', voice: 'Polly.Joanna-Neural' },
  es: { language: 'es-ES', voice: 'Polly.Lucia-Neural' },
  fr: { language: 'fr-FR', voice: 'Polly.Lea-Neural' },
  de: { language: 'de-DE', voice: 'Polly.Vicki-Neural' },
  pt: { language: 'pt-BR', voice: 'Polly.Camila-Neural' },
  hi: { language: 'hi-IN', voice: 'Polly.Kajal-Neural' },
};

export interface SpeechOverrides {
  languages: Readonly<Record<string, string>>;
  voices: Readonly<Record<string, string>>;
}

/** The speech settings for a session language; a language without defaults speaks as English would. */
export function speechSettings(overrides: SpeechOverrides): (language: string) => SpeechSettings {
  return (language) => {
    const base = DEFAULTS[language] ?? DEFAULTS.en ?? { language: 'en-US', voice: 'Polly.Joanna-Neural' };
    return { language: overrides.languages[language] ?? base.language, voice: overrides.voices[language] ?? base.voice };
  };
}
