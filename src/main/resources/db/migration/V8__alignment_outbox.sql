-- The alignment state and its signals on their way to accord.alignment.state and
-- accord.alignment.signals: written in the alignment read model's transaction whenever the state
-- it evaluates differs from the one last published, and published by the outbox relay as the
-- events are (in id order, marked sent only after the broker acknowledged). Each row is a whole
-- record: its topic, key, CloudEvent attributes and value. The value is text, not jsonb, so it is
-- published byte for byte as written (jsonb would reorder the keys: the state's focus comes first).
create table alignment_outbox (
    id              bigserial    primary key,
    topic           varchar(200) not null,
    record_key      varchar(200) not null,
    ce_id           uuid         not null,
    ce_type         varchar(200) not null,
    stream_version  bigint       not null,
    ce_time         timestamptz  not null,
    data            text         not null,
    created_at      timestamptz  not null default now(),
    sent_at         timestamptz
);

create index alignment_outbox_unsent on alignment_outbox (id) where sent_at is null;
-- ce_ids are derived from what they announce: the same record is never queued twice.
create unique index alignment_outbox_ce_id on alignment_outbox (ce_id);

-- The ce_id of the state record last published for the row, whose state column then holds that
-- state (up to the instant it was evaluated at). Null: nothing published since this column came;
-- a row written before it keeps its state as the baseline, so its first change announces only
-- what changed.
alter table alignment_view add column published_id uuid;
