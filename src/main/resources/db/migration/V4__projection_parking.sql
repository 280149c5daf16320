-- Initiatives a read model could not apply, and why. While a row is here, that read model
-- leaves the initiative alone (its later events wait behind the failed one) and the rest of
-- the partition keeps projecting; an operator's retry folds the initiative again from the
-- event store and, on success, removes the row.
create table projection_parked (
    projection      varchar(40)  not null,
    initiative_id   uuid         not null,
    version         bigint       not null,
    -- null when no single event was to blame (the row itself could not be read)
    event_id        uuid,
    type            varchar(200),
    error           text         not null,
    parked_at       timestamptz  not null,
    latest_waiting  bigint       not null,
    primary key (projection, initiative_id)
);

create index projection_parked_initiative on projection_parked (initiative_id);
