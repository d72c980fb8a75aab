-- Which incident a chat channel is about, for capture from chat: one per channel.
create table chat_channel (
    platform     varchar(16)  not null,
    channel_id   varchar(64)  not null,
    channel_name varchar(200) not null,
    incident_key varchar(64)  not null,
    linked_by    varchar(200) not null,
    linked_at    timestamp with time zone not null,
    primary key (platform, channel_id)
);
