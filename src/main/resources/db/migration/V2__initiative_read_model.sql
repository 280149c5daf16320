-- Read model fed by the projection from the Kafka topic. Each row remembers the last event
-- version it applied, which makes applying idempotent under redelivery.
create table initiative_view (
    initiative_id     uuid         primary key,
    version           bigint       not null,
    status            varchar(20)  not null,
    title             text         not null,
    launched_at       timestamptz  not null,
    updated_at        timestamptz  not null,
    participant_count integer      not null,
    document          jsonb        not null
);

create index initiative_view_listing on initiative_view (launched_at desc, initiative_id);
create index initiative_view_status on initiative_view (status);
create index initiative_view_units on initiative_view using gin ((document -> 'units'));
