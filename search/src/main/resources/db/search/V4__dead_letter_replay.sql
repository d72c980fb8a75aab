-- What a replay of a dead letter needs besides its bytes: the incident, provider, zone and year of the import it came
-- from, the modification time of its file, the name it is decoded under, and the bytes around it that make it a document of its format again (the JSON
-- envelope of one alert, the header row of a CSV row). Letters kept before this know only their origin and bytes.
alter table dead_letter add column incident_key varchar(64);
alter table dead_letter add column provider varchar(128);
alter table dead_letter add column zone varchar(64);
alter table dead_letter add column year_hint integer;
alter table dead_letter add column replay_name varchar(2048);
alter table dead_letter add column replay_head bytea;
alter table dead_letter add column replay_tail bytea;
alter table dead_letter add column source_modified timestamp with time zone;
create index dead_letter_incident_idx on dead_letter (incident_key);
