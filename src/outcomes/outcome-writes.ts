/**
 * Typed writes into the product's own tables. The store applies them in the turn's transaction through
 * public.onboarding_apply_writes (supabase/migrations), one fixed statement per kind: no SQL is built from a
 * flow file. Field names are the tables' columns.
 */

/** The status row of a signed-in user's onboarding (`user_onboarding`), kept in step with every turn. */
export interface UserOnboardingWrite {
  kind: 'user_onboarding';
  user_id: string;
  flow_id: string;
  status: 'in_progress' | 'completed' | 'skipped';
  current_step: number;
  total_steps: number;
  completed_steps: string[];
  onboarding_data: Record<string, unknown>;
  started_at: string;
  completed_at: string | null;
  skipped_at: string | null;
}

export interface UserProfileWrite {
  kind: 'user_profile';
  user_id: string;
  full_name: string;
  bio: string | null;
  avatar_path: string | null;
}

/** Replaces the user's set. */
export interface UserSkillsWrite {
  kind: 'user_skills';
  user_id: string;
  skills: string[];
}

/** Replaces the user's set. */
export interface UserInterestsWrite {
  kind: 'user_interests';
  user_id: string;
  interests: string[];
}

export interface ExperienceEntry {
  kind: 'education' | 'work';
  title: string;
  organisation: string;
  start_year: number;
  /** null: still there. */
  end_year: number | null;
}

/** Replaces the user's list. */
export interface UserExperienceWrite {
  kind: 'user_experience';
  user_id: string;
  entries: ExperienceEntry[];
}

export interface UserPreferencesWrite {
  kind: 'user_preferences';
  user_id: string;
  notification_channel: 'email' | 'sms' | 'whatsapp' | 'none';
  profile_visibility: 'public' | 'members' | 'private';
}

/** The workspace flow's last group: provision a trial now, or create the organization and wait for its payment. */
export interface WorkspaceWrite {
  kind: 'workspace';
  user_id: string;
  name: string;
  start: 'trial' | 'pay';
  trial_days: number;
}

export type OutcomeWrite =
  | WorkspaceWrite
  | UserOnboardingWrite
  | UserProfileWrite
  | UserSkillsWrite
  | UserInterestsWrite
  | UserExperienceWrite
  | UserPreferencesWrite;
