-- Plugins' key-value data for this tenant (PluginData), kept in the tenant's own schema.
create table plugin_data (
  plugin_id varchar(40) not null,
  data_key varchar(200) not null,
  data_value varchar not null,
  updated_at timestamp not null,
  primary key (plugin_id, data_key)
);
