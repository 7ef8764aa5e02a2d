-- A person may skip a whole onboarding when its flow allows it ("skip onboarding", or the status API's skip);
-- the answers are kept and a later start resumes at the same step.
alter type public.session_status add value if not exists 'skipped' after 'paused';
