-- A person can pause a conversation ("stop", or hanging up a call) and resume it later at the same step.
alter type public.session_status add value if not exists 'paused' after 'collecting_data';
