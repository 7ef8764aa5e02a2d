-- One open conversation per phone number and channel (issue 15): concurrent first messages from a new number
-- (or two calls at once) each tried to start a session, and several were created. The database now refuses the
-- second: the service's losing start sees the error, finds the winner's session and continues it.
-- "Open" is every status but completed and failed, on the phone channels (a signed-in user's web or API session
-- may carry their number too). Only values the enums were created with are named, so this migration can run in
-- the same transaction as the ones that added 'paused', 'skipped' and 'api'.

-- Sessions already duplicated by the race: the one touched last stays open, the others are closed as failed.
update public.instant_onboarding_sessions s set status = 'failed'
where s.phone_number is not null and s.channel in ('sms', 'whatsapp', 'voice')
  and s.status not in ('completed', 'failed')
  and exists (
    select 1 from public.instant_onboarding_sessions t
    where t.phone_number = s.phone_number and t.channel = s.channel and t.id <> s.id
      and t.status not in ('completed', 'failed')
      and (t.updated_at, t.id) > (s.updated_at, s.id)
  );

create unique index instant_onboarding_sessions_one_open_per_phone
  on public.instant_onboarding_sessions (phone_number, channel)
  where phone_number is not null and channel in ('sms', 'whatsapp', 'voice') and status not in ('completed', 'failed');

-- A first message delivered again once its session is open is still a duplicate: onboarding_commit_turn
-- (20261205000040) checks a refused second session against the inbox.
