-- Tenants and API keys: shared tables (platform data).
create table tenant (
  id varchar(36) primary key,
  slug varchar(40) not null,
  name varchar(200) not null,
  status varchar(20) not null,
  status_reason varchar(500),
  schema_name varchar(63) not null,
  rate_per_second integer,
  rate_burst integer,
  created_at timestamp not null,
  updated_at timestamp not null,
  deleted_at timestamp,
  purge_after timestamp,
  version bigint not null,
  constraint uq_tenant_slug unique (slug),
  constraint uq_tenant_schema unique (schema_name)
);
create index ix_tenant_status on tenant (status, created_at);

create table api_key (
  id varchar(36) primary key,
  tenant_id varchar(36) references tenant (id),
  kind varchar(10) not null,
  name varchar(100) not null,
  prefix varchar(16) not null,
  secret_hash varchar(64) not null,
  scopes varchar(1000) not null,
  created_at timestamp not null,
  revoked_at timestamp,
  constraint uq_api_key_hash unique (secret_hash)
);
create index ix_api_key_tenant on api_key (tenant_id, created_at);
