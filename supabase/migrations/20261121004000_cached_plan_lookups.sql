-- The two lookups an SMS / WhatsApp turn makes before its commit, as plpgsql: a LANGUAGE sql function with a
-- SET clause is neither inlined nor has its plan cached, so each call planned its query again (about 0.25 ms
-- of database CPU per call under load, against 0.03 ms for the query). plpgsql keeps the plan per connection.
-- Same arguments, results, security and search_path as in 20261121003000 and 20261121001000.

create or replace function public.onboarding_find_open_session(p_phone_number text, p_channel public.onboarding_channel) returns uuid
language plpgsql stable
security invoker
set search_path = ''
as $$
begin
  return (
    select s.id from public.instant_onboarding_sessions s
    where s.phone_number = p_phone_number
      and (s.channel = p_channel or (p_channel::text = 'sms' and s.channel::text = 'voice'))
      and s.status::text in ('collecting_data', 'paused', 'generating_chart')
    order by (s.channel = p_channel) desc, s.updated_at desc
    limit 1);
end $$;

create or replace function public.onboarding_is_opted_out(p_phone_number text, p_channel public.onboarding_channel) returns boolean
language plpgsql stable
security invoker
set search_path = ''
as $$
begin
  return coalesce((select o.opted_out from public.onboarding_messaging_opt_outs o
                   where o.phone_number = p_phone_number and o.channel = p_channel), false);
end $$;
