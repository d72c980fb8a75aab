-- Post-mortem templates beyond the built-in default: which sections, in what order, under what headings.
create table postmortem_template (
    name        varchar(64)   primary key,
    sections    varchar(20000) not null,
    created_by  varchar(128)  not null,
    created_at  timestamp with time zone not null
);

alter table postmortem add column template varchar(64) default 'default' not null;
