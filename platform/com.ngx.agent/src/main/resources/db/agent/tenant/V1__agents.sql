-- Sales agents of this tenant: drafts, published versions, knowledge, conversations, outcomes.
create table agent (
  id varchar(36) primary key,
  name varchar(100) not null,
  language varchar(8) not null,
  template_plugin varchar(40),
  template_id varchar(40),
  draft varchar not null,
  draft_revision integer not null,
  published_version integer,
  kb_revision integer not null,
  created_at timestamp not null,
  updated_at timestamp not null,
  lock_version bigint not null
);

create table agent_version (
  agent_id varchar(36) not null references agent (id) on delete cascade,
  version integer not null,
  definition varchar not null,
  note varchar(500),
  created_at timestamp not null,
  primary key (agent_id, version)
);

create table knowledge_document (
  id varchar(36) primary key,
  agent_id varchar(36) not null references agent (id) on delete cascade,
  name varchar(200) not null,
  media_type varchar(100) not null,
  language varchar(8),
  size_bytes bigint not null,
  text_chars integer not null,
  sha256 varchar(64) not null,
  chunks integer not null,
  created_at timestamp not null,
  updated_at timestamp not null
);
create index ix_knowledge_document_agent on knowledge_document (agent_id);

create table knowledge_chunk (
  id varchar(36) primary key,
  document_id varchar(36) not null references knowledge_document (id) on delete cascade,
  agent_id varchar(36) not null,
  ordinal integer not null,
  heading varchar(300),
  page integer,
  content varchar not null,
  vector bytea not null
);
create index ix_knowledge_chunk_agent on knowledge_chunk (agent_id);

create table conversation (
  id varchar(36) primary key,
  agent_id varchar(36) not null references agent (id) on delete cascade,
  agent_version integer not null,
  language varchar(8) not null,
  channel varchar(20) not null,
  status varchar(20) not null,
  state varchar not null,
  lead_score integer not null,
  qualified integer not null,
  converted integer not null,
  value_minor bigint not null,
  currency varchar(3),
  prospect_messages integer not null,
  token_hash varchar(64),
  started_at timestamp not null,
  updated_at timestamp not null,
  lock_version bigint not null
);
create index ix_conversation_agent on conversation (agent_id, started_at);

create table conversation_message (
  id varchar(36) primary key,
  conversation_id varchar(36) not null references conversation (id) on delete cascade,
  seq integer not null,
  role varchar(10) not null,
  content varchar not null,
  node varchar(40),
  trace varchar,
  created_at timestamp not null,
  constraint uq_conversation_message_seq unique (conversation_id, seq)
);

create table conversation_assignment (
  conversation_id varchar(36) not null references conversation (id) on delete cascade,
  agent_id varchar(36) not null,
  experiment varchar(40) not null,
  variant varchar(40) not null,
  primary key (conversation_id, experiment)
);
create index ix_assignment_experiment on conversation_assignment (agent_id, experiment);

create table lead_record (
  id varchar(36) primary key,
  conversation_id varchar(36) not null references conversation (id) on delete cascade,
  agent_id varchar(36) not null,
  score integer not null,
  data varchar not null,
  summary varchar(2000) not null,
  qualified_at timestamp not null,
  delivered varchar(2000),
  constraint uq_lead_conversation unique (conversation_id)
);

create table conversion_event (
  id varchar(36) primary key,
  conversation_id varchar(36) not null references conversation (id) on delete cascade,
  agent_id varchar(36) not null,
  type varchar(20) not null,
  value_minor bigint not null,
  currency varchar(3),
  reference varchar(200),
  created_at timestamp not null,
  constraint uq_conversion_reference unique (conversation_id, type, reference)
);

-- Billable usage, written in the same transaction as the turn that caused it; the id makes
-- counting exactly-once (a conversation counts once, when its first prospect message is stored).
create table usage_record (
  id varchar(80) primary key,
  kind varchar(20) not null,
  agent_id varchar(36) not null,
  conversation_id varchar(36),
  period varchar(7) not null,
  quantity bigint not null,
  created_at timestamp not null
);
create index ix_usage_period on usage_record (period, kind);

create table golden_conversation (
  id varchar(36) primary key,
  agent_id varchar(36) not null references agent (id) on delete cascade,
  name varchar(100) not null,
  language varchar(8) not null,
  messages varchar not null,
  expected varchar not null,
  created_at timestamp not null
);
