-- Marketplace: publishers, listings, versions and their artifacts, installations, reviews, ledger.
create table mkt_publisher (
  id varchar(36) primary key,
  name varchar(100) not null,
  email varchar(254) not null,
  status varchar(20) not null,
  created_at timestamp not null,
  updated_at timestamp not null,
  constraint uq_mkt_publisher_name unique (name)
);

create table mkt_publisher_key (
  id varchar(36) primary key,
  publisher_id varchar(36) not null references mkt_publisher (id),
  name varchar(100) not null,
  prefix varchar(16) not null,
  secret_hash varchar(64) not null,
  created_at timestamp not null,
  revoked_at timestamp,
  constraint uq_mkt_publisher_key_hash unique (secret_hash)
);

create table mkt_certificate (
  id varchar(36) primary key,
  publisher_id varchar(36) not null references mkt_publisher (id),
  fingerprint varchar(64) not null,
  subject varchar(1000) not null,
  not_after timestamp not null,
  pem varchar not null,
  created_at timestamp not null,
  revoked_at timestamp,
  constraint uq_mkt_certificate unique (publisher_id, fingerprint)
);

create table mkt_listing (
  id varchar(36) primary key,
  publisher_id varchar(36) not null references mkt_publisher (id),
  plugin_id varchar(40) not null,
  name varchar(100) not null,
  summary varchar(300) not null,
  description varchar(20000),
  category varchar(30) not null,
  icon_url varchar(1000),
  screenshots varchar(10000),
  pricing_model varchar(20) not null,
  price_minor bigint not null,
  currency varchar(3) not null,
  usage_unit varchar(40),
  trial_days integer not null,
  publisher_share_bp integer,
  created_at timestamp not null,
  updated_at timestamp not null,
  constraint uq_mkt_listing_plugin unique (plugin_id)
);
create index ix_mkt_listing_publisher on mkt_listing (publisher_id);

-- the uploaded bytes, kept for as long as a version refers to them: rollback and restarts need them
create table mkt_artifact (
  sha256 varchar(64) primary key,
  size_bytes bigint not null,
  content bytea not null,
  created_at timestamp not null
);

create table mkt_version (
  id varchar(36) primary key,
  listing_id varchar(36) not null references mkt_listing (id),
  version varchar(100) not null,
  sort_key varchar(200) not null,
  status varchar(20) not null,
  symbolic_name varchar(255),
  api_range varchar(100),
  artifact_sha256 varchar(64) not null references mkt_artifact (sha256),
  changelog varchar(20000),
  report varchar,
  submitted_at timestamp not null,
  certified_at timestamp,
  published_at timestamp,
  constraint uq_mkt_version unique (listing_id, version)
);
create index ix_mkt_version_status on mkt_version (status);

-- one row per tenant and listing: reinstalling reuses it, so retained plugin data and history stay attached
create table mkt_installation (
  id varchar(36) primary key,
  tenant_id varchar(36) not null,
  listing_id varchar(36) not null references mkt_listing (id),
  version_id varchar(36) not null references mkt_version (id),
  status varchar(20) not null,
  status_reason varchar(1000),
  settings varchar(20000) not null,
  entitlement varchar(20) not null,
  trial_ends_at timestamp,
  failures integer not null,
  last_failure varchar(1000),
  last_failure_at timestamp,
  installed_at timestamp not null,
  updated_at timestamp not null,
  version bigint not null,
  constraint uq_mkt_installation unique (tenant_id, listing_id)
);
create index ix_mkt_installation_version on mkt_installation (version_id, status);

create table mkt_review (
  id varchar(36) primary key,
  listing_id varchar(36) not null references mkt_listing (id),
  tenant_id varchar(36) not null,
  rating integer not null,
  title varchar(200),
  body varchar(5000),
  created_at timestamp not null,
  updated_at timestamp not null,
  constraint uq_mkt_review unique (listing_id, tenant_id)
);

-- append-only: rows are inserted, never updated or deleted; a refund is a new negative row
create table mkt_ledger (
  id varchar(36) primary key,
  created_at timestamp not null,
  period varchar(7) not null,
  kind varchar(20) not null,
  listing_id varchar(36) not null,
  publisher_id varchar(36) not null,
  tenant_id varchar(36) not null,
  installation_id varchar(36),
  description varchar(500) not null,
  quantity bigint not null,
  unit_price_minor bigint not null,
  amount_minor bigint not null,
  currency varchar(3) not null,
  publisher_share_bp integer not null,
  publisher_amount_minor bigint not null,
  platform_amount_minor bigint not null,
  idempotency_key varchar(300) not null,
  constraint uq_mkt_ledger_key unique (idempotency_key)
);
create index ix_mkt_ledger_publisher on mkt_ledger (publisher_id, period);
