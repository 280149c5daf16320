-- A read model row's document (the alignment facts, the initiative details) grows with the
-- history, so it is written only now and then, as a snapshot: snapshot_version is the version the
-- document is at, version the one the row's other columns are at. The events in between are read
-- from the event store and folded into the document by whoever needs the row. The document is
-- written in the same transaction that inserts a row, so no reader sees a row without one; it is
-- nullable only because the insert and the snapshot are two statements.
alter table alignment_view add column snapshot_version bigint;
update alignment_view set snapshot_version = version;
alter table alignment_view alter column snapshot_version set not null, alter column facts drop not null;

alter table initiative_view add column snapshot_version bigint;
update initiative_view set snapshot_version = version;
alter table initiative_view alter column snapshot_version set not null, alter column document drop not null;
