create table incident (
    incident_key varchar(64)  primary key,
    title        varchar(500) not null,
    severity     varchar(8)   not null,
    status       varchar(16)  not null,
    starts_at    timestamp with time zone not null,
    ends_at      timestamp with time zone not null,
    scope        varchar(2000),
    commander    varchar(128),
    restricted   boolean      not null,
    created_at   timestamp with time zone not null,
    updated_at   timestamp with time zone not null
);

create table incident_member (
    incident_key varchar(64)  not null references incident (incident_key) on delete cascade,
    username     varchar(128) not null,
    primary key (incident_key, username)
);

create table incident_event (
    incident_key varchar(64) not null references incident (incident_key) on delete cascade,
    event_id     varchar(40) not null references event (id),
    attached_at  timestamp with time zone not null,
    primary key (incident_key, event_id)
);
create index incident_event_event_idx on incident_event (event_id);
