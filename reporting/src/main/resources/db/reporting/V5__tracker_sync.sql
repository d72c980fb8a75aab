-- Jira both ways: when an item and its issue last agreed, and why the last attempt failed if it did.
alter table action_item add column tracker_synced_at timestamp with time zone;
alter table action_item add column tracker_sync_error varchar(500);
