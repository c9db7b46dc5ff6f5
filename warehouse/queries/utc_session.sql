-- Every connection shows and computes times in UTC, whatever the machine's time zone: stored
-- timestamps are UTC, and TIMESTAMP WITH TIME ZONE values then print with +00.
SET TimeZone = 'UTC';
