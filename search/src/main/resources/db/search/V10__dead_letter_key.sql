-- A letter's identity: its format, origin, incident and bytes. The same bad record delivered again (a bus record
-- re-delivered after a crash between its letter and its offset, a file imported again under the same name) finds its
-- pending letter by this key instead of becoming a second one. Letters kept before this have none.
alter table dead_letter add column letter_key varchar(64);
create index dead_letter_key_idx on dead_letter (letter_key);
