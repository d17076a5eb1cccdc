-- usage_record is the outbox of metered usage: a row is handed to billing after its transaction
-- commits and marked delivered then; rows still undelivered (a crash in between, billing down) are
-- swept and handed over again (billing de-duplicates by id).
alter table usage_record add column delivered_at timestamp;
create index ix_usage_undelivered on usage_record (delivered_at, created_at);
