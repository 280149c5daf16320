-- The state column is written at every catch-up of an initiative, and as jsonb PostgreSQL parsed
-- the whole document each time: about 1 ms for a 50 KB state and 20 ms for the 800 KB state of a
-- long history with many open items, where storing the same text costs a tenth of that. Nothing
-- reads the state from this column but the service itself (the state published before, which it
-- parses), and the portfolio, which reads three small parts: those get columns of their own,
-- written with the state, and the state is kept as the text written, byte for byte.
-- The new columns stay nullable so that a previous release still projects during a rollout (the rows
-- it inserts have none of them until this release writes them again); the previous release's
-- portfolio, which reads the state as jsonb, answers 500 until it is replaced.
alter table alignment_view add column status varchar(16);
alter table alignment_view add column stages jsonb;
alter table alignment_view add column disconnected_units jsonb;
update alignment_view
   set status = state ->> 'status',
       stages = state -> 'stages',
       disconnected_units = state -> 'units' -> 'disconnected';
alter table alignment_view alter column state type text using state::text;
