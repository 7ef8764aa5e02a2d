-- Idempotent starts (issue 15): POST /session/start with an Idempotency-Key header answers a retry with the
-- session the first request made. The row keeps only what answering again needs: the SHA-256 of the client's
-- scope and key (never the key), the SHA-256 of the request body (another body is 409), the session and the
-- start's reply. The session key is not stored either: the service derives it from the key and its secret.
-- The service's alone: RLS on, no policy, no grant to any API role but service_role. Expired rows are ignored
-- here and deleted by cleanup_expired_onboarding_sessions (20261206300030).

create table public.onboarding_idempotency_keys (
  key_hash text primary key,
  request_hash text not null,
  -- Deferred: the key's row is written before the session it names, in the same transaction, so a concurrent
  -- retry waits on the key and never makes a second session.
  session_id uuid not null references public.instant_onboarding_sessions (id) on delete cascade deferrable initially deferred,
  reply jsonb not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index onboarding_idempotency_keys_session_idx on public.onboarding_idempotency_keys (session_id);
create index onboarding_idempotency_keys_expires_idx on public.onboarding_idempotency_keys (expires_at);

alter table public.onboarding_idempotency_keys enable row level security;
revoke all on public.onboarding_idempotency_keys from public, anon, authenticated;
grant select, insert, update, delete on public.onboarding_idempotency_keys to service_role;

-- Commits a new session's first turn under an idempotency key, or returns what the key's first request made:
-- {"outcome": "committed", "version"} | {"outcome": "replay", "session_id", "request_hash", "reply"}.
create or replace function public.onboarding_start_idempotent(
  p_key_hash text, p_request_hash text, p_ttl_seconds integer, p_reply jsonb, p_turn jsonb
) returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_found public.onboarding_idempotency_keys;
  v_result jsonb;
begin
  delete from public.onboarding_idempotency_keys where key_hash = p_key_hash and expires_at <= now();
  insert into public.onboarding_idempotency_keys (key_hash, request_hash, session_id, reply, expires_at)
  values (p_key_hash, p_request_hash, (p_turn->>'session_id')::uuid, p_reply, now() + make_interval(secs => p_ttl_seconds))
  on conflict (key_hash) do nothing;
  if not found then
    -- Another request holds the key (a concurrent one has committed by now: the insert waited for it).
    select * into v_found from public.onboarding_idempotency_keys where key_hash = p_key_hash;
    return jsonb_build_object('outcome', 'replay', 'session_id', v_found.session_id,
      'request_hash', v_found.request_hash, 'reply', v_found.reply);
  end if;
  v_result := public.onboarding_commit_turn(p_turn);
  if v_result->>'outcome' is distinct from 'committed' then
    raise exception 'idempotent start not committed: %', v_result->>'outcome' using errcode = 'OB500';
  end if;
  return v_result;
end $$;

revoke execute on function public.onboarding_start_idempotent(text, text, integer, jsonb, jsonb) from public, anon, authenticated;
grant execute on function public.onboarding_start_idempotent(text, text, integer, jsonb, jsonb) to service_role;
