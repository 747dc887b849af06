-- Issue #18: a nightly run continues each device from its stored state instead of reading its whole
-- history again (io.canopy.metering.domain.DeviceHistory). The state is a checkpoint only while
-- continue_after is set: every reading stored later at an earlier time (a late read, a backfill),
-- a request of its readings parked or adopted, clears it, and so does a feed whose zone or activation
-- date differs from the ones it was computed with; the next computation then reads every reading.
ALTER TABLE device_state ADD COLUMN continue_after TIMESTAMPTZ;   -- start of the business day after the last reading's
ALTER TABLE device_state ADD COLUMN checkpoint_zone TEXT;
ALTER TABLE device_state ADD COLUMN checkpoint_activation DATE;
ALTER TABLE device_state ADD COLUMN initial_small BIGINT;
ALTER TABLE device_state ADD COLUMN initial_large BIGINT;
ALTER TABLE device_state ADD COLUMN initial_area BIGINT;
ALTER TABLE device_state ADD COLUMN rollovers INT NOT NULL DEFAULT 0;
