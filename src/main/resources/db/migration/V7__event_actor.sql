-- Who caused each event: the subject of the bearer token of the command that recorded it.
-- Null for events recorded while authentication was off (and for all events before this column).
alter table event_store add column actor varchar(255);
