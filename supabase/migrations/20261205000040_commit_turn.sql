-- onboarding_commit_turn, once for the three changes of this milestone (the function is re-created whole, as
-- plpgsql needs; the migrations before this one change only tables and other functions):
-- 1. `writes`: a signed-in user's status row and the product's rows of the groups a turn completed, applied by
--    onboarding_apply_writes in the turn's transaction (20261204000030).
-- 2. The inbox is per channel and sender (20261205000010): the commit reads the scope from the session row it
--    has just written, so no caller passes it and none can pass another; a voice session records its call_sid.
-- 3. One open session per phone number and channel (20261205000030): a first message delivered again, whose
--    session is already open, is refused a second session by that rule before the inbox would tell it apart;
--    the refusal is checked against the inbox and answered as the duplicate it is. Any other refusal stands.

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
  v_channel public.onboarding_channel;
  v_sender text;
begin
  begin
    if coalesce((turn->>'create')::boolean, false) then
      insert into public.instant_onboarding_sessions (
        id, session_key, channel, language, phone_number, user_id, flow_id, flow_version, flow_hash,
        status, current_step, collected_data, snapshot, last_inbound_at, bot_number, call_sid
      ) values (
        v_id, turn->>'key_hash', (v_session->>'channel')::public.onboarding_channel, v_session->>'language',
        v_session->>'phone_number', (v_session->>'user_id')::uuid, v_session->>'flow_id',
        (v_session->>'flow_version')::integer, v_session->>'flow_hash',
        (v_session->>'status')::public.session_status, v_session->>'current_step',
        coalesce(v_session->'collected_data', '{}'::jsonb), v_session->'snapshot',
        case when v_message_key is not null then now() end, v_session->>'bot_number', v_session->>'call_sid'
      )
      returning version, channel, coalesce(phone_number, '') into v_version, v_channel, v_sender;
    else
      update public.instant_onboarding_sessions s set
        status = (v_session->>'status')::public.session_status,
        current_step = v_session->>'current_step',
        collected_data = coalesce(v_session->'collected_data', s.collected_data),
        snapshot = v_session->'snapshot',
        language = coalesce(v_session->>'language', s.language),
        flow_version = coalesce((v_session->>'flow_version')::integer, s.flow_version),
        flow_hash = coalesce(v_session->>'flow_hash', s.flow_hash),
        call_sid = coalesce(v_session->>'call_sid', s.call_sid),
        chart_generated = s.chart_generated or turn ? 'profile',
        completed_at = case when v_session->>'status' = 'completed' then coalesce(s.completed_at, now()) else s.completed_at end,
        last_inbound_at = case when v_message_key is not null then now() else s.last_inbound_at end,
        version = s.version + 1
      where s.id = v_id and s.version = (turn->>'expected_version')::integer
      returning s.version, s.channel, coalesce(s.phone_number, '') into v_version, v_channel, v_sender;
      if v_version is null then
        return jsonb_build_object('outcome', 'conflict');
      end if;
    end if;

    -- The message's key within its sender's own messages: another sender's equal key is not a duplicate.
    if v_message_key is not null then
      insert into public.onboarding_inbox (channel, sender, message_key, session_id, reply)
      values (v_channel, v_sender, v_message_key, v_id, coalesce(turn->'reply', 'null'::jsonb))
      on conflict (channel, sender, message_key) do nothing;
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

    -- A signed-in user's status row and the product's rows of the groups this turn completed (20261204000030).
    if turn ? 'writes' then
      perform public.onboarding_apply_writes(v_id, turn->'writes');
    end if;

    if turn ? 'replace_reply' then
      update public.onboarding_inbox set reply = turn->'replace_reply'->'reply'
      where channel = v_channel and sender = v_sender and message_key = turn->'replace_reply'->>'message_key'
        and session_id = v_id;
    end if;
  exception
  when unique_violation then
    if v_message_key is not null and coalesce((turn->>'create')::boolean, false) and exists (
      select 1 from public.onboarding_inbox i
      where i.channel = (v_session->>'channel')::public.onboarding_channel
        and i.sender = coalesce(v_session->>'phone_number', '') and i.message_key = v_message_key
    ) then
      return jsonb_build_object('outcome', 'duplicate', 'reply',
        (select i.reply from public.onboarding_inbox i
         where i.channel = (v_session->>'channel')::public.onboarding_channel
           and i.sender = coalesce(v_session->>'phone_number', '') and i.message_key = v_message_key));
    end if;
    raise;
  when sqlstate 'OB409' then
    -- The variables keep what the rolled-back block set: the scope of the session the message came for.
    return jsonb_build_object('outcome', 'duplicate', 'reply',
      (select i.reply from public.onboarding_inbox i
       where i.channel = v_channel and i.sender = v_sender and i.message_key = v_message_key));
  end;
  return jsonb_build_object('outcome', 'committed', 'version', v_version);
end $$;

comment on function public.onboarding_commit_turn(jsonb) is
  'Commits one conversation turn atomically; see the headers of 20261205000040 and of the migrations it names.';

revoke execute on function public.onboarding_commit_turn(jsonb) from public, anon, authenticated;
grant execute on function public.onboarding_commit_turn(jsonb) to service_role;
