-- Deleting a session (the cleanup, a person's erasure) removes its inbox rows through the foreign key, which
-- scanned the whole inbox once per session without an index on session_id (issue 15: 142 s for 20,000 sessions).
create index if not exists onboarding_inbox_session_idx on public.onboarding_inbox (session_id);

-- Local databases made before the bootstrap said NOLOGIN keep a passwordless login role otherwise.
do $$
begin
  if exists (select 1 from pg_roles where rolname = 'authenticator' and rolcanlogin)
     and not exists (select 1 from pg_roles where rolname = 'supabase_admin') then
    alter role authenticator nologin;
  end if;
end $$;
