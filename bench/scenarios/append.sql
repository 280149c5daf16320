-- pgbench script: the raw append Accord's command path is measured against. One transaction
-- writes one event row (a ~300-byte jsonb, like a RelationshipEstablished) and its outbox row,
-- into scratch copies of event_store and outbox (run.sh creates and drops them).
\set version random(1, 1000000000000)
begin;
insert into bench_event_store (event_id, initiative_id, version, type, data, recorded_at, correlation_id)
  values (gen_random_uuid(), gen_random_uuid(), :version, 'accord.RelationshipEstablished.v1',
          '{"initiativeId":"7b1f3c52-9a4e-4d2b-8f61-0c5e2a9d4b17","relationshipId":"0f8a6d3e-25c1-4b7a-9e44-6d2f1a8c3b90","participants":["p0001","p0002","p0003"],"mutualUnderstanding":"Conversation 42: each of us says early when a date is at risk and what the other needs from us","occurredAt":"2026-10-02T15:00:00Z"}',
          now(), 'bench-pgbench')
  returning event_id, initiative_id \gset
insert into bench_outbox (event_id, initiative_id, version, created_at)
  values (:event_id, :initiative_id, :version, now());
commit;
