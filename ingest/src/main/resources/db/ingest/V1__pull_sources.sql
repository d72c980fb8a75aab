-- Pull sources added through the API (those in application properties are not stored here).
create table pull_source (
    name        varchar(128) primary key,   -- kind:name, the checkpoint partition
    kind        varchar(32)  not null,      -- pagerduty, slack, imap, statuspage, folder
    settings    varchar      not null,      -- JSON of the kind's settings, credentials included
    created_by  varchar(128) not null,
    created_at  timestamp with time zone not null
);
