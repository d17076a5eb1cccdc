-- A tenant's own settings (locale, time zone, currency, ...), in the tenant's schema.
create table setting (
  name varchar(100) primary key,
  setting_value varchar(4000) not null,
  updated_at timestamp not null
);
