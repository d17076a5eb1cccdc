-- Chat widget keys: public, they name a tenant's agent and the web origins allowed to embed it.
create table agent_widget (
  widget_key varchar(40) primary key,
  tenant_id varchar(36) not null,
  agent_id varchar(36) not null,
  allowed_origins varchar(4000) not null,
  brand varchar(4000) not null,
  created_at timestamp not null,
  revoked_at timestamp
);
create index ix_agent_widget_tenant on agent_widget (tenant_id);
