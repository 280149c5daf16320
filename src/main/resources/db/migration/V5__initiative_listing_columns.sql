-- The listing answers from columns, never parsing a whole initiative document: the sponsor and
-- the units join the columns V2 already keeps (title, status, dates, participant count). The
-- unit filter searches the new units column, so it no longer reads the document either.
alter table initiative_view add column sponsor_id varchar(128), add column units jsonb;

update initiative_view
   set sponsor_id = document -> 'sponsor' ->> 'personId',
       units = coalesce(document -> 'units', '[]'::jsonb);

alter table initiative_view alter column sponsor_id set not null, alter column units set not null;

drop index initiative_view_units;
create index initiative_view_units on initiative_view using gin (units);
