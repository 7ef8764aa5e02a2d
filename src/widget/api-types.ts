/** Shapes of the session API as the widget reads them; unknown fields are ignored. */

/** A choice offered with a bot message; the API may send plain strings or objects. */
export type RawChoice = string | { value?: string; label?: string; text?: string };

/** One thing the bot says in a turn. */
export interface BotMessage {
  text: string;
  choices?: RawChoice[];
  /** The question takes a photo of this step (signed-in mode offers an upload). */
  upload?: { step?: string };
}

/** How far the person is through the flow. */
export interface Progress {
  answered: number;
  total: number;
  percent: number;
}

/** A position on the zodiac. */
export interface ChartPoint {
  longitude: number;
  sign: string;
  degree: number;
}

/** A planet or other body in a birth chart. */
export interface ChartBody extends ChartPoint {
  name: string;
  retrograde?: boolean;
}

/** The profile of the instant flow. */
export interface BirthChartProfile {
  kind: 'birth-chart';
  bodies: ChartBody[];
  ascendant?: ChartPoint;
  midheaven?: ChartPoint;
  summary?: string;
}

/** Any profile; only `birth-chart` gets a dedicated view, others show their summary. */
export type Profile = BirthChartProfile | { kind?: string; summary?: string };

/** Session status values the API uses. */
export type SessionStatus = 'started' | 'collecting_data' | 'generating_chart' | 'completed' | 'failed';

/** Fields shared by start, reply and get responses (all optional: the widget tolerates gaps). */
export interface TurnResponse {
  session_id?: string;
  session_key?: string;
  status?: SessionStatus;
  next_step?: string | null;
  message?: string;
  messages?: BotMessage[];
  progress?: Progress;
  profile?: Profile | null;
}

/** The start response always carries the id and key. */
export interface StartResponse extends TurnResponse {
  session_id: string;
  session_key: string;
}

/** Error body the service sends for every 4xx/5xx. */
export interface ErrorBody {
  code: string;
  message: string;
}
