import type { AnswerValue } from '../conversation/parsers/parser-types.js';
import type { OutcomeModule } from './outcome-module.js';
import type { Certification, FacilitatorProfessionalDetailsWrite, OutcomeWrite, PractitionerExperience } from './outcome-writes.js';

type Answers = Readonly<Record<string, AnswerValue>>;
type Fields = { [key: string]: AnswerValue };

const text = (value: AnswerValue | undefined): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
const texts = (value: AnswerValue | undefined): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const objectOf = (value: AnswerValue | undefined): Fields | null => (value && typeof value === 'object' && !Array.isArray(value) ? value : null);
const num = (value: AnswerValue | undefined): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const entriesOf = (value: AnswerValue | undefined): Fields[] => (Array.isArray(value) ? value.flatMap((v) => (objectOf(v) ? [objectOf(v) as Fields] : [])) : []);

/** The palette the flow offers, as stored (#rrggbb); `none`: no brand colour. */
export const brandColors: Readonly<Record<string, string | null>> = {
  sage: '#8fbc8f',
  ocean: '#2e86ab',
  sunset: '#f18f01',
  lavender: '#9b89c4',
  earth: '#8b5e3c',
  charcoal: '#36454f',
  none: null,
};

/** Choice values (identifiers start with a letter) to the table's price ranges. */
const priceRanges: Readonly<Record<string, FacilitatorProfessionalDetailsWrite['price_range']>> = {
  under_50: 'under_50',
  from_50_to_100: '50_100',
  from_100_to_150: '100_150',
  over_150: 'over_150',
};

function basicInfo(answers: Answers): OutcomeWrite[] {
  const [first, last, email, phone] = [text(answers.first_name), text(answers.last_name), text(answers.email), text(answers.phone_number)];
  const place = objectOf(answers.location);
  const location = text(place?.name);
  if (!first || !last || !email || !phone || !place || !location) return [];
  return [{
    kind: 'facilitator_basic_info',
    first_name: first,
    last_name: last,
    email,
    location,
    country: text(place.country),
    latitude: num(place.lat),
    longitude: num(place.lon),
    time_zone: text(place.tz),
    phone_number: phone,
  }];
}

function visualProfile(answers: Answers): OutcomeWrite[] {
  const photo = objectOf(answers.photo);
  const path = text(photo?.path);
  if (!path) return [];
  const color = typeof answers.brand_color === 'string' ? (brandColors[answers.brand_color] ?? null) : null;
  return [{ kind: 'facilitator_visual_profile', photo_path: path, photo_content_type: text(photo?.content_type), brand_color: color }];
}

function professionalDetails(answers: Answers): OutcomeWrite[] {
  const practice = text(answers.practice_type);
  const years = num(answers.years_of_experience);
  const format = answers.session_format;
  const price = typeof answers.price_range === 'string' ? priceRanges[answers.price_range] : undefined;
  if (!practice || years === null || !price || (format !== 'in_person' && format !== 'online' && format !== 'both')) return [];
  return [{
    kind: 'facilitator_professional_details',
    practice_type: practice,
    modalities: texts(answers.modalities),
    years_of_experience: Math.round(years),
    languages: texts(answers.languages),
    session_format: format,
    price_range: price,
  }];
}

function bioAbout(answers: Answers): OutcomeWrite[] {
  const [headline, bio, firstSession] = [text(answers.headline), text(answers.bio), text(answers.first_session)];
  return headline && bio && firstSession ? [{ kind: 'facilitator_bio_about', headline, bio, first_session: firstSession }] : [];
}

function experienceCertifications(answers: Answers): OutcomeWrite[] {
  const certifications = entriesOf(answers.certifications).flatMap((e): Certification[] => {
    const [name, issuer, year] = [text(e.name), text(e.issuer), num(e.year)];
    return name && issuer && year !== null ? [{ name, issuer, year }] : [];
  });
  const experience = entriesOf(answers.experience).flatMap((e): PractitionerExperience[] => {
    const [title, organisation, start] = [text(e.title), text(e.organisation), num(e.start_year)];
    return title && organisation && start !== null ? [{ title, organisation, start_year: start, end_year: num(e.end_year) }] : [];
  });
  return [{ kind: 'facilitator_experience_certifications', certifications, experience }];
}

/** The practitioner onboarding (flows/practitioner-onboarding.yaml): one facilitator_* table per group. */
export const practitionerOutcome: OutcomeModule = {
  groups: ['basic_info', 'visual_profile', 'professional_details', 'bio_about', 'experience_certifications'],
  groupWrites(group, answers, subject): OutcomeWrite[] {
    if (!('phoneNumber' in subject)) return [];
    switch (group) {
      case 'basic_info':
        return basicInfo(answers);
      case 'visual_profile':
        return visualProfile(answers);
      case 'professional_details':
        return professionalDetails(answers);
      case 'bio_about':
        return bioAbout(answers);
      case 'experience_certifications':
        return experienceCertifications(answers);
      default:
        return [];
    }
  },
};
