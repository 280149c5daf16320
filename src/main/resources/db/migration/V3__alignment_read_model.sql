-- The alignment read model: per initiative the clock-free facts folded from its events (what
-- GET …/alignment evaluates at the reader's clock), and the state as last evaluated, which the
-- listing, the band filter, the portfolio and the people view query. The evaluated columns
-- change with the clock too (a commitment falls overdue): next_due_at says when that happens
-- next, and the alignment clock evaluates the row again once it has passed.
create table alignment_view (
    initiative_id  uuid         primary key,
    version        bigint       not null,
    facts          jsonb        not null,
    state          jsonb        not null,
    score          integer,
    band           varchar(16)  not null,
    evaluated_at   timestamptz  not null,
    next_due_at    timestamptz
);

create index alignment_view_band on alignment_view (band);
create index alignment_view_due on alignment_view (next_due_at) where next_due_at is not null;

-- Who appears in which initiative (joined, named in a conversation, or committed): the people
-- view finds a person's initiatives here without scanning every document.
create table alignment_person (
    person_id      varchar(128) not null,
    initiative_id  uuid         not null,
    primary key (person_id, initiative_id)
);
