-- The event store of record: append-only, one row per fact, ordered per initiative.
-- The unique (initiative_id, version) is the optimistic-concurrency guard: two commands
-- racing on one initiative cannot both append the same next version.
create table event_store (
    event_id        uuid         primary key,
    initiative_id   uuid         not null,
    version         bigint       not null check (version > 0),
    type            varchar(200) not null,
    data            jsonb        not null,
    recorded_at     timestamptz  not null,
    correlation_id  varchar(255) not null,
    constraint event_store_stream_version unique (initiative_id, version)
);

create index event_store_recorded_at on event_store (recorded_at);

-- Written in the same transaction as the event; the relay publishes unsent rows in id order
-- and marks them sent only after the broker acknowledged them.
create table outbox (
    id              bigserial    primary key,
    event_id        uuid         not null references event_store (event_id),
    initiative_id   uuid         not null,
    version         bigint       not null,
    created_at      timestamptz  not null,
    sent_at         timestamptz
);

create index outbox_unsent on outbox (id) where sent_at is null;

-- Idempotency-Key: the first receipt a key produced, with a fingerprint of the request.
-- Written in the command's transaction, so a key never outlives a rolled-back command.
create table idempotency_key (
    idempotency_key varchar(255) primary key,
    fingerprint     varchar(64)  not null,
    initiative_id   uuid         not null,
    receipt         text         not null,
    created_at      timestamptz  not null
);

create index idempotency_key_created_at on idempotency_key (created_at);
