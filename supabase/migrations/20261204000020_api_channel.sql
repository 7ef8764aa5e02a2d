-- Onboarding through a product's own forms (the status API's PATCH) counts as its own channel in analytics.
alter type public.onboarding_channel add value if not exists 'api';
