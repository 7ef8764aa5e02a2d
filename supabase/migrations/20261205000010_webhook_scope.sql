-- A provider's webhook reaches only its own sender's conversation (issue 15). Two changes, nothing else:
-- 1. The inbox is keyed by (channel, sender, message_key): the session's channel and phone number, '' where it
--    has none (web sessions, whose message keys name the session itself). The same provider message id (a Twilio
--    MessageSid, a call's turn) from another number is another message: it is never answered with the reply
--    stored for someone else's conversation, and creates nothing of theirs.
-- 2. instant_onboarding_sessions.call_sid: the phone call (Twilio CallSid) a voice session is on now. The voice
--    webhooks of any other call do not reach the session.
-- onboarding_load_session as in 20261121000400 otherwise, reading stored replies by the same key; the commit
-- (20261205000040) reads the scope from the row it has just written, so no caller passes it.

alter table public.onboarding_inbox add column channel public.onboarding_channel, add column sender text;
update public.onboarding_inbox i set channel = s.channel, sender = coalesce(s.phone_number, '')
from public.instant_onboarding_sessions s where s.id = i.session_id;
alter table public.onboarding_inbox alter column channel set not null, alter column sender set not null;
alter table public.onboarding_inbox drop constraint onboarding_inbox_pkey;
alter table public.onboarding_inbox add constraint onboarding_inbox_pkey primary key (channel, sender, message_key);
comment on column public.onboarding_inbox.channel is 'The channel of the session the message was committed to.';
comment on column public.onboarding_inbox.sender is
  'The phone number of the session the message was committed to (E.164), '''' when it has none (web).';
comment on table public.onboarding_inbox is
  'One row per inbound message (web message_id, Twilio MessageSid, a call''s turn) per channel and sender: a second '
  'delivery from the same sender is answered from here and changes nothing.';

alter table public.instant_onboarding_sessions add column call_sid text;
comment on column public.instant_onboarding_sessions.call_sid is
  'Voice: the Twilio CallSid of the call the session is on now; webhooks of another call do not reach it.';


-- The session (call_sid included), its profile, and whether p_message_key was already processed for it.
create or replace function public.onboarding_load_session(p_session_id uuid, p_message_key text default null) returns jsonb
language sql stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object(
    'session', to_jsonb(s),
    'profile', case when p.session_id is not null
                 then jsonb_build_object('kind', p.kind, 'data', p.profile_data, 'created_at', p.created_at) end,
    'duplicate', i.message_key is not null,
    'duplicate_reply', i.reply)
  from public.instant_onboarding_sessions s
  left join public.instant_onboarding_profiles p on p.session_id = s.id
  left join public.onboarding_inbox i on i.channel = s.channel and i.sender = coalesce(s.phone_number, '')
    and i.message_key = p_message_key and i.session_id = s.id
  where s.id = p_session_id
$$;

revoke execute on function public.onboarding_load_session(uuid, text) from public, anon, authenticated;
grant execute on function public.onboarding_load_session(uuid, text) to service_role;
