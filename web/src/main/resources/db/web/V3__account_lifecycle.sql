-- Accounts over their life: a user's e-mail (for reminders), and tokens that belong to a user (acting as that user,
-- never above the user's role), may expire, and show when they were last used.
alter table app_user add column email varchar(320);
alter table api_token add column owner varchar(128);
alter table api_token add column expires_at timestamp with time zone;
create index api_token_owner_idx on api_token (owner);
