-- The name a customer account goes by, as the deposits carry it (DepositRecorded.accountName, an
-- optional field registry fills via the collection requests). The latest recorded deposit wins, so
-- deposits arriving out of order cannot bring back an old name.
CREATE TABLE account_name (
    account_id  UUID        PRIMARY KEY,
    dealer_id   UUID        NOT NULL,
    name        TEXT        NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A certificate is a document: it keeps the name it was issued with, whatever the account is called
-- later. Null on certificates issued before names travelled (rendered as "Account <id>").
ALTER TABLE certificate ADD COLUMN account_name TEXT;

-- A month whose corrections outweigh its pages (negative total: metering's negative adjustments)
-- gets no certificate, since trees cannot be negative; its deposits are carried into the next
-- month's certificate (prior-period line), so certificates still add up to the ledger.
ALTER TABLE account_period ADD COLUMN carried_into DATE;
