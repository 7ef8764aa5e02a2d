-- A signed-in user whose access token carries a verified phone number (Supabase Auth's `phone` claim) can go on
-- with their onboarding over SMS or WhatsApp: a message from that number with no open session of its own channel
-- continues the user's open session (started in the widget or through the API). Otherwise as in 20261121004000;
-- a skipped session counts as open too (a message resumes it).
create or replace function public.onboarding_find_open_session(p_phone_number text, p_channel public.onboarding_channel) returns uuid
language plpgsql stable
security invoker
set search_path = ''
as $$
begin
  return (
    select s.id from public.instant_onboarding_sessions s
    where s.phone_number = p_phone_number
      and (s.channel = p_channel
           or (p_channel::text = 'sms' and s.channel::text = 'voice')
           or (p_channel::text in ('sms', 'whatsapp') and s.user_id is not null))
      and s.status::text in ('collecting_data', 'paused', 'skipped', 'generating_chart')
    order by (s.channel = p_channel) desc, s.updated_at desc
    limit 1);
end $$;

revoke execute on function public.onboarding_find_open_session(text, public.onboarding_channel) from public, anon, authenticated;
grant execute on function public.onboarding_find_open_session(text, public.onboarding_channel) to service_role;
