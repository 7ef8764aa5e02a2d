import type { AnswerValue } from '../conversation/parsers/parser-types.js';
import type { OutcomeModule } from './outcome-module.js';
import type { ExperienceEntry, OutcomeWrite, UserPreferencesWrite } from './outcome-writes.js';

const text = (value: AnswerValue | undefined): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);
const texts = (value: AnswerValue | undefined): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** The stored path of a photo answer (`{ path, content_type, bytes }`). */
const photoPath = (value: AnswerValue | undefined): string | null =>
  value && typeof value === 'object' && !Array.isArray(value) && typeof value.path === 'string' ? value.path : null;

function experienceEntries(value: AnswerValue | undefined): ExperienceEntry[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) => {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return [];
    const { kind, title, organisation, start_year: start, end_year: end } = entry;
    if ((kind !== 'education' && kind !== 'work') || typeof title !== 'string' || typeof organisation !== 'string' || typeof start !== 'number') return [];
    return [{ kind, title, organisation, start_year: start, end_year: typeof end === 'number' ? end : null }];
  });
}

/** The signed-in user's profile (flows/user-profile.yaml): one table per group. */
export const userProfileOutcome: OutcomeModule = {
  groups: ['profile', 'skills', 'interests', 'experience', 'preferences'],
  groupWrites(group, answers, subject): OutcomeWrite[] {
    if (!('userId' in subject)) return [];
    const { userId } = subject;
    switch (group) {
      case 'profile': {
        const fullName = text(answers.full_name);
        return fullName ? [{ kind: 'user_profile', user_id: userId, full_name: fullName, bio: text(answers.bio), avatar_path: photoPath(answers.avatar) }] : [];
      }
      case 'skills':
        return [{ kind: 'user_skills', user_id: userId, skills: texts(answers.skills) }];
      case 'interests':
        return [{ kind: 'user_interests', user_id: userId, interests: texts(answers.interests) }];
      case 'experience':
        return [{ kind: 'user_experience', user_id: userId, entries: experienceEntries(answers.experience) }];
      case 'preferences':
        return [
          {
            kind: 'user_preferences',
            user_id: userId,
            notification_channel: answers.notification_channel as UserPreferencesWrite['notification_channel'],
            profile_visibility: answers.profile_visibility as UserPreferencesWrite['profile_visibility'],
          },
        ];
      default:
        return [];
    }
  },
};
