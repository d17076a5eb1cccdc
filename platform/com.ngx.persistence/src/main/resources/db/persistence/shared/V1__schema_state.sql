-- Which tenant schemas exist and which set of tenant migrations each one has run.
create table ngx_tenant_schema (
  schema_name varchar(63) primary key,
  fingerprint varchar(64) not null,
  migrated_at timestamp not null
);
