-- Billing asks for each tenant's ledger lines of the months up to the one it closes
-- (MarketplaceCharges); publishers' statements keep using ix_mkt_ledger_publisher.
create index ix_mkt_ledger_tenant on mkt_ledger (tenant_id, period);
