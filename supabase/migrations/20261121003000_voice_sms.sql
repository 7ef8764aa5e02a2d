-- Phone calls (Twilio Voice) send SMS through the same outbox: the summary at the end of a call, and the
-- "reply here to continue" message when a caller goes silent. Two changes, nothing else:
-- 1. onboarding_commit_turn, as in 20261121001100, but a voice session's outbox rows are SMS rows (to the
--    caller's number, from the number called).
-- 2. onboarding_find_open_session: an SMS from a number with no open SMS session continues that number's open
--    phone-call session, so "reply to this message to continue" reaches the conversation that was paused.

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
    -- A phone call's messages go out as SMS, from the number that was called.
    if turn ? 'outbox' then
      insert into public.onboarding_outbox (session_id, channel, to_address, from_address, kind, body, variables)
      select v_id,
        case when s.channel = 'voice' then 'sms'::public.onboarding_channel else s.channel end,
        s.phone_number, s.bot_number, o.kind, o.body, coalesce(o.variables, '{}'::jsonb)
      from jsonb_to_recordset(turn->'outbox') as o(kind text, body text, variables jsonb)
      join public.instant_onboarding_sessions s on s.id = v_id
      where s.channel in ('sms', 'whatsapp', 'voice') and s.phone_number is not null;
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

-- The open session of a phone number on a channel, or null; for SMS, a phone call's session of the same number
-- when there is no SMS one (see the header). Compared as text, like the original.
create or replace function public.onboarding_find_open_session(p_phone_number text, p_channel public.onboarding_channel) returns uuid
language sql stable
security invoker
set search_path = ''
as $$
  select s.id from public.instant_onboarding_sessions s
  where s.phone_number = p_phone_number
    and (s.channel = p_channel or (p_channel::text = 'sms' and s.channel::text = 'voice'))
    and s.status::text in ('collecting_data', 'paused', 'generating_chart')
  order by (s.channel = p_channel) desc, s.updated_at desc
  limit 1
$$;
