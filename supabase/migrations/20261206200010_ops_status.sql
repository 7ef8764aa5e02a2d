-- Operations (issue 20): what /ready and /metrics ask of the database, the same for the SQL and supabase drivers.
-- Like every migration here it runs in one transaction (the service's runner, or `supabase db push`).

-- The migration versions recorded as applied. SECURITY DEFINER: supabase_migrations belongs to the role that
-- applies migrations, and service_role has no grant on it in a Supabase project.
create function public.onboarding_applied_migrations() returns jsonb
language sql stable
security definer
set search_path = ''
as $$
  select coalesce(jsonb_agg(m.version order by m.version), '[]'::jsonb)
  from supabase_migrations.schema_migrations m
$$;
comment on function public.onboarding_applied_migrations() is
  'A JSON array of the applied migration versions (supabase_migrations.schema_migrations), for the readiness probe.';

-- Outbox depth: messages waiting (pending, of which retrying: tried before) and being sent (claimed). Counted
-- through onboarding_outbox_due_idx (partial on pending and claimed), so it stays cheap as sent rows pile up.
create function public.onboarding_outbox_depth() returns jsonb
language sql stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object(
    'pending', count(*) filter (where o.status = 'pending'),
    'retrying', count(*) filter (where o.status = 'pending' and o.attempts > 0),
    'claimed', count(*) filter (where o.status = 'claimed')
  )
  from public.onboarding_outbox o
  where o.status in ('pending', 'claimed')
$$;
comment on function public.onboarding_outbox_depth() is
  'Outbox messages waiting (pending; retrying: pending after a failed attempt) and being sent (claimed), for /metrics.';

revoke execute on function public.onboarding_applied_migrations(), public.onboarding_outbox_depth() from public, anon, authenticated;
grant execute on function public.onboarding_applied_migrations(), public.onboarding_outbox_depth() to service_role;
