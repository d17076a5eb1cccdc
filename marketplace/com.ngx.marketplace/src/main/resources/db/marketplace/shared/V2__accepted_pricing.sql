-- The pricing a tenant accepted when it installed: later price changes apply to new installs only.
alter table mkt_installation add column accepted_pricing varchar(1000);
