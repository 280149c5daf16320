-- Webhook subscriptions and their delivery log (docs/webhooks.md).

create table webhook_subscription (
    id              uuid primary key,
    url             text        not null check (length(url) between 1 and 2048),
    types           text[]      not null check (cardinality(types) >= 1),
    initiative_id   uuid,
    -- The signing key as handed to the subscriber once (whsec_...): HMAC needs it in the clear.
    secret          text        not null,
    status          text        not null default 'ACTIVE' check (status in ('ACTIVE', 'DISABLED')),
    disabled_at     timestamptz,
    failure         text,
    created_at      timestamptz not null
);

create index webhook_subscription_created on webhook_subscription (created_at desc, id);

-- One row per record and subscription: a record the feed reads twice makes no second delivery.
create table webhook_delivery (
    id                bigserial primary key,
    subscription_id   uuid        not null references webhook_subscription (id) on delete cascade,
    ce_id             text        not null,
    ce_type           text        not null,
    body              text        not null,
    attempts          integer     not null default 0,
    first_attempt_at  timestamptz,
    next_attempt_at   timestamptz not null,
    lease_until       timestamptz,
    last_status       integer,
    last_error        text,
    delivered_at      timestamptz,
    failed_at         timestamptz,
    created_at        timestamptz not null default now(),
    unique (subscription_id, ce_id)
);

-- What the dispatcher claims: undelivered rows, earliest due first.
create index webhook_delivery_due on webhook_delivery (next_attempt_at)
    where delivered_at is null and failed_at is null;
create index webhook_delivery_log on webhook_delivery (subscription_id, id desc);
create index webhook_delivery_age on webhook_delivery (created_at);
