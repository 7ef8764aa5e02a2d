-- onboarding_commit_turn, as in 20261121000200, plus two things for the messaging channel, in the same one
-- transaction and round trip: the session's bot_number on create, and an optional `outbox` array
-- ([{kind, body, variables}]) of messages to send after the commit (the outbox worker sends them).
-- Same signature, so every driver keeps calling it as before; rows without the new keys behave as before.

create or replace function public.onboarding_commit_turn(turn jsonb) returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_id uuid := (turn->>'session_id')::uuid;
  v_session jsonb := turn->'session';
  v_message_key text := turn->>'message_key';
  v_version integer;
begin
  begin
    if coalesce((turn->>'create')::boolean, false) then
      insert into public.instant_onboarding_sessions (
        id, session_key, channel, language, phone_number, user_id, flow_id, flow_version, flow_hash,
        status, current_step, collected_data, snapshot, last_inbound_at, bot_number
      ) values (
        v_id, turn->>'key_hash', (v_session->>'channel')::public.onboarding_channel, v_session->>'language',
        v_session->>'phone_number', (v_session->>'user_id')::uuid, v_session->>'flow_id',
        (v_session->>'flow_version')::integer, v_session->>'flow_hash',
        (v_session->>'status')::public.session_status, v_session->>'current_step',
        coalesce(v_session->'collected_data', '{}'::jsonb), v_session->'snapshot',
        case when v_message_key is not null then now() end, v_session->>'bot_number'
      )
      returning version into v_version;
    else
      update public.instant_onboarding_sessions s set
        status = (v_session->>'status')::public.session_status,
        current_step = v_session->>'current_step',
        collected_data = coalesce(v_session->'collected_data', s.collected_data),
        snapshot = v_session->'snapshot',
        language = coalesce(v_session->>'language', s.language),
        flow_version = coalesce((v_session->>'flow_version')::integer, s.flow_version),
        flow_hash = coalesce(v_session->>'flow_hash', s.flow_hash),
        chart_generated = s.chart_generated or turn ? 'profile',
        completed_at = case when v_session->>'status' = 'completed' then coalesce(s.completed_at, now()) else s.completed_at end,
        last_inbound_at = case when v_message_key is not null then now() else s.last_inbound_at end,
        version = s.version + 1
      where s.id = v_id and s.version = (turn->>'expected_version')::integer
      returning s.version into v_version;
      if v_version is null then
        return jsonb_build_object('outcome', 'conflict');
      end if;
    end if;

    if v_message_key is not null then
      insert into public.onboarding_inbox (message_key, session_id, reply)
      values (v_message_key, v_id, coalesce(turn->'reply', 'null'::jsonb))
      on conflict (message_key) do nothing;
      if not found then
        raise exception using errcode = 'OB409', message = 'duplicate inbound message';
      end if;
    end if;

    insert into public.onboarding_events (session_id, kind, step, channel, payload)
    select v_id, e.kind, e.step, e.channel::public.onboarding_channel, coalesce(e.payload, '{}'::jsonb)
    from jsonb_to_recordset(coalesce(turn->'events', '[]'::jsonb)) as e(kind text, step text, channel text, payload jsonb);

    if turn ? 'profile' then
      insert into public.instant_onboarding_profiles (session_id, user_id, kind, profile_data)
      values (v_id, (v_session->>'user_id')::uuid, turn->'profile'->>'kind', turn->'profile'->'data')
      on conflict (session_id) do update set kind = excluded.kind, profile_data = excluded.profile_data;
    end if;

    -- Outbound messages of this turn, addressed from the session's row (its number, channel and bot number).
    if turn ? 'outbox' then
      insert into public.onboarding_outbox (session_id, channel, to_address, from_address, kind, body, variables)
      select v_id, s.channel, s.phone_number, s.bot_number, o.kind, o.body, coalesce(o.variables, '{}'::jsonb)
      from jsonb_to_recordset(turn->'outbox') as o(kind text, body text, variables jsonb)
      join public.instant_onboarding_sessions s on s.id = v_id
      where s.channel in ('sms', 'whatsapp') and s.phone_number is not null;
    end if;

    if turn ? 'replace_reply' then
      update public.onboarding_inbox set reply = turn->'replace_reply'->'reply'
      where message_key = turn->'replace_reply'->>'message_key' and session_id = v_id;
    end if;
  exception when sqlstate 'OB409' then
    return jsonb_build_object('outcome', 'duplicate', 'reply',
      (select i.reply from public.onboarding_inbox i where i.message_key = v_message_key));
  end;
  return jsonb_build_object('outcome', 'committed', 'version', v_version);
end $$;

comment on function public.onboarding_commit_turn(jsonb) is
  'Commits one conversation turn atomically; see the header of its migration for the contract.';

revoke execute on function public.onboarding_commit_turn(jsonb) from public, anon, authenticated;
grant execute on function public.onboarding_commit_turn(jsonb) to service_role;
