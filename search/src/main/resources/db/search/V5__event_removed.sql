-- Events the database no longer has that the search index may still hold (an id re-keyed or merged by a migration).
-- The index deletes them the next time it opens, then forgets them here.
create table event_removed (
    event_id   varchar(40) primary key,
    removed_at timestamp with time zone not null
);
