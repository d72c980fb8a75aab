-- The nodes serving this database, each writing its state every few seconds: the ingest page lists them, with how
-- far each one's search index is behind the database.
create table cluster_node (
    node_id         varchar(100) primary key,
    host            varchar(200) not null,
    started_at      timestamp with time zone not null,
    seen_at         timestamp with time zone not null,
    indexed_seq     bigint       not null
);
