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

/**
 * Practitioner writes carry no practitioner id: the SQL finds the practitioner from the session's (verified) phone
 * number, so a turn can write only its own practitioner's rows.
 */
/** Which session is the practitioner's onboarding and where it stands (`practitioner_onboarding`); every turn. */
export interface PractitionerOnboardingWrite {
  kind: 'practitioner_onboarding';
  flow_id: string;
  status: 'in_progress' | 'completed';
  current_step: number;
  total_steps: number;
  completed_steps: string[];
  started_at: string;
  completed_at: string | null;
}

export interface FacilitatorBasicInfoWrite {
  kind: 'facilitator_basic_info';
  first_name: string;
  last_name: string;
  email: string;
  location: string;
  country: string | null;
  latitude: number | null;
  longitude: number | null;
  time_zone: string | null;
  phone_number: string;
}

export interface FacilitatorVisualProfileWrite {
  kind: 'facilitator_visual_profile';
  photo_path: string;
  photo_content_type: string | null;
  brand_color: string | null;
}

export interface FacilitatorProfessionalDetailsWrite {
  kind: 'facilitator_professional_details';
  practice_type: string;
  modalities: string[];
  years_of_experience: number;
  languages: string[];
  session_format: 'in_person' | 'online' | 'both';
  price_range: 'under_50' | '50_100' | '100_150' | 'over_150';
}

export interface FacilitatorBioAboutWrite {
  kind: 'facilitator_bio_about';
  headline: string;
  bio: string;
  first_session: string;
}

export interface Certification {
  name: string;
  issuer: string;
  year: number;
}

export interface PractitionerExperience {
  title: string;
  organisation: string;
  start_year: number;
  /** null: still there. */
  end_year: number | null;
}

export interface FacilitatorExperienceCertificationsWrite {
  kind: 'facilitator_experience_certifications';
  certifications: Certification[];
  experience: PractitionerExperience[];
}

/** Sets crm_onboarding_completed (and its date, once); the database refuses it without the five group rows. */
export interface PractitionerCompletedWrite {
  kind: 'practitioner_completed';
  completed_at: string;
}

export type PractitionerWrite =
  | PractitionerOnboardingWrite
  | FacilitatorBasicInfoWrite
  | FacilitatorVisualProfileWrite
  | FacilitatorProfessionalDetailsWrite
  | FacilitatorBioAboutWrite
  | FacilitatorExperienceCertificationsWrite
  | PractitionerCompletedWrite;

export type OutcomeWrite =
  | PractitionerWrite
  | WorkspaceWrite
  | UserOnboardingWrite
  | UserProfileWrite
  | UserSkillsWrite
  | UserInterestsWrite
  | UserExperienceWrite
  | UserPreferencesWrite;
