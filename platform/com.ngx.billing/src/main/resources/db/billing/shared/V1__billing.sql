-- Billing: plans (versioned), accounts and subscriptions, metered usage, invoices and their lines,
-- gapless numbering per issuer, payments, provider events, settlements, the billing ledger,
-- partners and commissions, notices and the mail outbox, the test clock. Amounts are minor units.

create table bill_plan (
  id varchar(40) primary key,
  current_version integer not null,
  position integer not null,
  public_plan integer not null,
  archived integer not null,
  updated_at timestamp not null
);

create table bill_plan_version (
  plan_id varchar(40) not null references bill_plan (id),
  version integer not null,
  definition varchar not null,
  created_at timestamp not null,
  primary key (plan_id, version)
);

create table bill_issuer (
  id varchar(40) primary key,
  name varchar(200) not null,
  address varchar(1000) not null,
  tax_id varchar(60),
  email varchar(254),
  colour varchar(7) not null,
  number_prefix varchar(20) not null,
  created_at timestamp not null
);

create table bill_number_sequence (
  issuer_id varchar(40) not null references bill_issuer (id),
  kind varchar(20) not null,
  next_number bigint not null,
  primary key (issuer_id, kind)
);

create table bill_tax_rate (
  country varchar(2) primary key,
  name varchar(60) not null,
  rate_percent decimal(9, 4) not null,
  updated_at timestamp not null
);

create table bill_partner (
  id varchar(36) primary key,
  name varchar(100) not null,
  email varchar(254) not null,
  status varchar(20) not null,
  issuer_id varchar(40) references bill_issuer (id),
  first_year_bp integer not null,
  later_bp integer not null,
  created_at timestamp not null,
  constraint uq_bill_partner_name unique (name)
);

create table bill_partner_key (
  id varchar(36) primary key,
  partner_id varchar(36) not null references bill_partner (id),
  name varchar(100) not null,
  prefix varchar(16) not null,
  secret_hash varchar(64) not null,
  created_at timestamp not null,
  revoked_at timestamp,
  constraint uq_bill_partner_key_hash unique (secret_hash)
);

create table bill_account (
  tenant_id varchar(36) primary key,
  billing_name varchar(200) not null,
  email varchar(254),
  country varchar(2),
  address varchar(1000),
  tax_id varchar(60),
  tax_exempt integer not null,
  currency varchar(3) not null,
  provider varchar(40) not null,
  customer_ref varchar(200),
  payment_method varchar(2000),
  credit_balance_minor bigint not null,
  partner_id varchar(36) references bill_partner (id),
  partner_since date,
  created_at timestamp not null,
  updated_at timestamp not null
);
create index ix_bill_account_partner on bill_account (partner_id);

create table bill_subscription (
  tenant_id varchar(36) primary key references bill_account (tenant_id),
  plan_id varchar(40) not null,
  plan_version integer not null,
  status varchar(20) not null,
  trial_end timestamp,
  period_start date not null,
  period_end date not null,
  next_plan_id varchar(40),
  next_plan_version integer,
  cancel_at_period_end integer not null,
  price_override_minor bigint,
  limits_override varchar(2000),
  started_at timestamp not null,
  suspended_at timestamp,
  cancelled_at timestamp,
  updated_at timestamp not null,
  row_version bigint not null
);
create index ix_bill_subscription_due on bill_subscription (status, period_end);

create table bill_usage (
  tenant_id varchar(36) not null,
  id varchar(120) not null,
  kind varchar(60) not null,
  period varchar(7) not null,
  quantity bigint not null,
  occurred_at timestamp not null,
  recorded_at timestamp not null,
  primary key (tenant_id, id)
);

create table bill_usage_total (
  tenant_id varchar(36) not null,
  period varchar(7) not null,
  kind varchar(60) not null,
  quantity bigint not null,
  primary key (tenant_id, period, kind)
);

create table bill_invoice (
  id varchar(36) primary key,
  tenant_id varchar(36) not null references bill_account (tenant_id),
  issuer_id varchar(40) not null references bill_issuer (id),
  kind varchar(20) not null,
  number varchar(40),
  status varchar(20) not null,
  reason varchar(40) not null,
  currency varchar(3) not null,
  period varchar(7),
  subtotal_minor bigint not null,
  tax_minor bigint not null,
  total_minor bigint not null,
  credit_applied_minor bigint not null,
  amount_paid_minor bigint not null,
  amount_due_minor bigint not null,
  tax_name varchar(60),
  tax_rate_percent decimal(9, 4),
  original_invoice_id varchar(36) references bill_invoice (id),
  snapshot varchar not null,
  memo varchar(1000),
  issued_at timestamp,
  due_at timestamp,
  paid_at timestamp,
  closed_at timestamp,
  attempts integer not null,
  first_failed_at timestamp,
  next_attempt_at timestamp,
  idempotency_key varchar(200),
  created_at timestamp not null,
  constraint uq_bill_invoice_number unique (issuer_id, kind, number),
  constraint uq_bill_invoice_key unique (idempotency_key)
);
create index ix_bill_invoice_tenant on bill_invoice (tenant_id, created_at);
create index ix_bill_invoice_attempt on bill_invoice (status, next_attempt_at);

create table bill_invoice_line (
  id varchar(36) primary key,
  invoice_id varchar(36) not null references bill_invoice (id),
  position integer not null,
  kind varchar(30) not null,
  description varchar(500) not null,
  quantity bigint not null,
  unit_amount_minor bigint not null,
  amount_minor bigint not null,
  period_start date,
  period_end date,
  source varchar(40),
  source_ref varchar(120),
  original_line_id varchar(36),
  constraint uq_bill_line_source unique (source, source_ref)
);
create index ix_bill_line_invoice on bill_invoice_line (invoice_id, position);

create table bill_payment (
  id varchar(36) primary key,
  invoice_id varchar(36) not null references bill_invoice (id),
  tenant_id varchar(36) not null,
  provider varchar(40) not null,
  attempt integer not null,
  status varchar(20) not null,
  amount_minor bigint not null,
  currency varchar(3) not null,
  reference varchar(200),
  failure_code varchar(60),
  message varchar(500),
  idempotency_key varchar(200) not null,
  created_at timestamp not null,
  constraint uq_bill_payment_key unique (idempotency_key)
);
create index ix_bill_payment_invoice on bill_payment (invoice_id);
create index ix_bill_payment_ref on bill_payment (provider, reference);

create table bill_provider_event (
  provider varchar(40) not null,
  event_id varchar(200) not null,
  type varchar(30) not null,
  invoice_id varchar(36),
  received_at timestamp not null,
  primary key (provider, event_id)
);

create table bill_settlement (
  id varchar(36) primary key,
  tenant_id varchar(36) not null,
  invoice_id varchar(36) not null,
  line_id varchar(36) not null,
  source varchar(40) not null,
  source_ref varchar(120) not null,
  kind varchar(20) not null,
  amount_minor bigint not null,
  currency varchar(3) not null,
  invoice_number varchar(40) not null,
  at timestamp not null,
  period varchar(7) not null,
  constraint uq_bill_settlement unique (line_id, kind)
);
create index ix_bill_settlement_period on bill_settlement (source, period, at);

create table bill_ledger (
  id varchar(36) primary key,
  tenant_id varchar(36) not null,
  kind varchar(30) not null,
  invoice_id varchar(36),
  payment_id varchar(36),
  amount_minor bigint not null,
  currency varchar(3) not null,
  description varchar(500) not null,
  at timestamp not null,
  period varchar(7) not null,
  idempotency_key varchar(200) not null,
  constraint uq_bill_ledger_key unique (idempotency_key)
);
create index ix_bill_ledger_tenant on bill_ledger (tenant_id, at);

create table bill_commission (
  id varchar(36) primary key,
  partner_id varchar(36) not null references bill_partner (id),
  tenant_id varchar(36) not null,
  payment_id varchar(120) not null,
  kind varchar(20) not null,
  base_minor bigint not null,
  rate_bp integer not null,
  amount_minor bigint not null,
  currency varchar(3) not null,
  at timestamp not null,
  period varchar(7) not null,
  constraint uq_bill_commission unique (payment_id, kind)
);
create index ix_bill_commission_partner on bill_commission (partner_id, period);

create table bill_notice (
  id varchar(36) primary key,
  tenant_id varchar(36) not null,
  kind varchar(40) not null,
  dedup_key varchar(200) not null,
  message varchar(1000) not null,
  created_at timestamp not null,
  constraint uq_bill_notice unique (tenant_id, dedup_key)
);
create index ix_bill_notice_tenant on bill_notice (tenant_id, created_at);

create table bill_mail (
  id varchar(36) primary key,
  tenant_id varchar(36),
  recipient varchar(254) not null,
  subject varchar(300) not null,
  text_body varchar not null,
  html_body varchar,
  status varchar(20) not null,
  attempts integer not null,
  last_error varchar(500),
  created_at timestamp not null,
  sent_at timestamp
);
create index ix_bill_mail_status on bill_mail (status, created_at);

create table bill_run (
  id varchar(36) primary key,
  started_at timestamp not null,
  clock_at timestamp not null,
  finished_at timestamp,
  status varchar(20) not null,
  tenants integer not null,
  invoices integer not null,
  payments integer not null,
  failures integer not null,
  message varchar(1000)
);

create table bill_clock (
  id integer primary key,
  offset_millis bigint not null,
  updated_at timestamp not null
);

insert into bill_issuer (id, name, address, tax_id, email, colour, number_prefix, created_at)
values ('platform', 'NGX Platform', '', null, null, '#1F4FD8', 'NGX', current_timestamp);

create table bill_provider_data (
  provider varchar(40) not null,
  tenant_id varchar(36) not null,
  data_key varchar(200) not null,
  data_value varchar not null,
  primary key (provider, tenant_id, data_key)
);

-- every issuer's counters exist from the start, so the first invoices of concurrent runs lock a row
insert into bill_number_sequence (issuer_id, kind, next_number) values ('platform', 'invoice', 1);
insert into bill_number_sequence (issuer_id, kind, next_number) values ('platform', 'credit_note', 1);
